package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** ticket-service's own copy of the body of {@code intake.feedback-received.v1}: the fields it reads. */
record FeedbackReceived(
        @NotBlank String feedbackId,
        @NotBlank String ticketId,
        String channel,
        @NotNull @Min(1) @Max(5) Integer rating,
        String comment,
        @NotNull Instant receivedAt) {

    static final Incoming<FeedbackReceived> INCOMING =
            Incoming.of("intake.feedback-received.v1", FeedbackReceived.class, "fr.numi.intake.feedback-received.v1");
}
