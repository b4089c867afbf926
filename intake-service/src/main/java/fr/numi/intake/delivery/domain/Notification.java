package fr.numi.intake.delivery.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A message for a person about their ticket, as the other services ask for it (a notification or a
 * satisfaction survey). The contact behind {@code customerId} is known to intake alone.
 *
 * @param notificationId the de-duplication key (the request's ce_id)
 * @param channel the ticket's channel, as the requesting service knows it (WEB, WHATSAPP, PHONE)
 * @param kind TICKET_CLAIMED, CYBER_INSTRUCTIONS, ..., SURVEY
 * @param text the message in plain French (for a survey: the question)
 */
public record Notification(
        String notificationId, String ticketId, String customerId, String channel, String kind, String text, Instant requestedAt) {

    public static final String SURVEY = "SURVEY";

    public Notification {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public boolean survey() {
        return SURVEY.equals(kind);
    }

    @Override
    public String toString() {
        return "Notification[" + notificationId + ", " + ticketId + ", " + kind + ", text=<" + text.length() + " chars>]";
    }
}
