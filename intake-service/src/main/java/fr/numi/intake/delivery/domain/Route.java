package fr.numi.intake.delivery.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a message goes. ticket-service names the route with each message (the person's latest
 * message that can be written to); otherwise it comes from the contact intake knows:
 * <ul>
 *   <li>a proven WhatsApp contact → the WhatsApp Send Message API: free text inside 24 h of their last
 *       WhatsApp message, an approved template outside it;</li>
 *   <li>a proven mobile number (a caller, an SMS sender, a number verified with a code) → an SMS;</li>
 *   <li>an e-mail address → an e-mail;</li>
 *   <li>anything else (a number typed on the web form and not verified, a landline) → nothing to
 *       send: the tracking page shows it. numi never writes at its own cost to a number nobody proved.</li>
 * </ul>
 */
public enum Route {
    WHATSAPP,
    SMS,
    EMAIL,
    TRACKING_PAGE;

    /** WhatsApp allows free-form messages only this long after the person's last message. */
    public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    /**
     * @param contactKind EMAIL, PHONE or WHATSAPP
     * @param proven the contact was proven (by the gateway or a code)
     * @param mobile the contact is a number that can receive SMS
     */
    public static Route of(String contactKind, boolean proven, boolean mobile) {
        if ("EMAIL".equals(contactKind)) {
            return EMAIL;
        }
        if (!proven) {
            return TRACKING_PAGE;
        }
        if ("WHATSAPP".equals(contactKind)) {
            return WHATSAPP;
        }
        return mobile ? SMS : TRACKING_PAGE;
    }

    /** True when free text may still be sent: the person wrote on WhatsApp less than 24 h ago. */
    public static boolean windowOpen(Instant lastWhatsAppInbound, Instant now) {
        return lastWhatsAppInbound != null && !lastWhatsAppInbound.isAfter(now.plusSeconds(60))
                && Duration.between(lastWhatsAppInbound, now).compareTo(WHATSAPP_WINDOW) < 0;
    }
}
