package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.urgency.emergency.domain.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * urgency's own copy of the body of {@code intake.request-received.v1} (also the body of
 * {@code intake.red-button-pressed.v1}): what the protocol reads, the constraints saying what it needs. The text is
 * classified to guess the incident type, then dropped; contact and name are not read.
 */
record RequestReceived(
        @NotBlank String requestId,
        @NotBlank String ticketId,
        @NotBlank String customerId,
        @NotNull Channel channel,
        String subject,
        String text,
        @NotNull Boolean redButton,
        Instant receivedAt) {

    static final Incoming<RequestReceived> INCOMING =
            Incoming.of("intake.request-received.v1", RequestReceived.class, "fr.numi.intake.request-received.v1");

    /** The red button's own lane: the same body, written first. */
    static final Incoming<RequestReceived> RED_BUTTON =
            Incoming.of("intake.red-button-pressed.v1", RequestReceived.class, "fr.numi.intake.red-button-pressed.v1");
}
