package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * ticket-service's own copy of the body of {@code intake.request-received.v1}: the fields it reads. A contact without
 * its kind or value is taken as no contact (the ticket then has no written route), as before the shared reader.
 */
record RequestReceived(
        @NotBlank String requestId,
        @NotBlank String ticketId,
        @NotBlank String trackingTokenHash,
        @NotBlank String customerId,
        @NotBlank String channel,
        Contact contact,
        String name,
        String subject,
        @NotBlank String text,
        boolean redButton,
        @NotNull Instant receivedAt,
        List<Attachment> attachments,
        Boolean contactProven,
        List<String> reachableBy,
        String inReplyTo,
        String answeredBy) {

    static final Incoming<RequestReceived> INCOMING =
            Incoming.of("intake.request-received.v1", RequestReceived.class, "fr.numi.intake.request-received.v1");

    /** The same body, written first on the red button's own topic: not behind the ordinary requests. */
    static final Incoming<RequestReceived> RED_BUTTON =
            Incoming.of("intake.red-button-pressed.v1", RequestReceived.class, "fr.numi.intake.red-button-pressed.v1");

    record Contact(String kind, String value) {}

    /** A reference to what the person sent; the content stays with intake. */
    record Attachment(String attachmentId, String type, String mimeType, String filename) {}
}
