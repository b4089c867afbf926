package fr.numi.intake.delivery.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A message for a person about their ticket, as the other services ask for it (a notification or a
 * satisfaction survey).
 *
 * @param notificationId the de-duplication key (the request's ce_id)
 * @param channel the ticket's channel, as the requesting service knows it (WEB, WHATSAPP, PHONE)
 * @param kind TICKET_CLAIMED, CYBER_INSTRUCTIONS, ..., SURVEY
 * @param text the message in plain French (for a survey: the question)
 * @param recipient where to send it, when the requesting service says (ticket-service does); null: intake decides
 * @param trackingRequestId give the tracking link of this request with the message
 */
public record Notification(
        String notificationId, String ticketId, String customerId, String channel, String kind, String text, Instant requestedAt,
        Recipient recipient, String trackingRequestId) {

    public static final String SURVEY = "SURVEY";

    /** A route (WHATSAPP, SMS, EMAIL, TRACKING_PAGE) and the contact it uses. */
    public record Recipient(Route route, String contactKind, String contactValue) {

        public Recipient {
            Objects.requireNonNull(route, "route");
        }

        @Override
        public String toString() {
            return "Recipient[" + route + ", " + contactKind + ", " + fr.numi.intake.request.domain.Masking.contact(contactValue) + "]";
        }
    }

    public Notification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public Notification(String notificationId, String ticketId, String customerId, String channel, String kind, String text,
            Instant requestedAt) {
        this(notificationId, ticketId, customerId, channel, kind, text, requestedAt, null, null);
    }

    public boolean survey() {
        return SURVEY.equals(kind);
    }

    @Override
    public String toString() {
        return "Notification[" + notificationId + ", " + ticketId + ", " + kind + ", text=<" + text.length() + " chars>]";
    }
}
