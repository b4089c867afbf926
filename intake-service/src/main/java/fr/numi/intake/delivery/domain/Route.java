package fr.numi.intake.delivery.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a message goes, from the contact the person gave and the channel they last used:
 * <ul>
 *   <li>a WhatsApp contact (they wrote on WhatsApp, or asked on the web form to be answered there) →
 *       the WhatsApp Send Message API: free text inside 24 h of their last WhatsApp message, an
 *       approved template outside it;</li>
 *   <li>a phone number from a phone call → an SMS;</li>
 *   <li>anything else (web form, e-mail) → nothing to send: the tracking page shows it.</li>
 * </ul>
 */
public enum Route {
    WHATSAPP,
    SMS,
    TRACKING_PAGE;

    /** WhatsApp allows free-form messages only this long after the person's last message. */
    public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    /**
     * @param contactKind EMAIL, PHONE or WHATSAPP (the contact directory's)
     * @param phoneNumber true when the contact value is an E.164 number
     * @param lastChannel the channel of the person's last request (WEB, WHATSAPP, PHONE)
     */
    public static Route of(String contactKind, boolean phoneNumber, String lastChannel) {
        if ("WHATSAPP".equals(contactKind)) {
            return WHATSAPP;
        }
        if ("PHONE".equals(contactKind) && phoneNumber && "PHONE".equals(lastChannel)) {
            return SMS;
        }
        return TRACKING_PAGE;
    }

    /** True when free text may still be sent: the person wrote on WhatsApp less than 24 h ago. */
    public static boolean windowOpen(Instant lastWhatsAppInbound, Instant now) {
        return lastWhatsAppInbound != null && !lastWhatsAppInbound.isAfter(now.plusSeconds(60))
                && Duration.between(lastWhatsAppInbound, now).compareTo(WHATSAPP_WINDOW) < 0;
    }
}
