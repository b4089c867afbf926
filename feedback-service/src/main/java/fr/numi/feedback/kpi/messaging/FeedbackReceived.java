package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * feedback's own copy of the body of {@code intake.feedback-received.v1}: the fields it reads. Only
 * whether there is a comment is used (counted); its words are personal data, read by the agents in
 * ticket-service, not kept here.
 */
record FeedbackReceived(@NotBlank String feedbackId, @NotBlank String ticketId, String customerId, String channel,
        @NotNull Integer rating, String comment, @NotNull Instant receivedAt) {

    static final Incoming<FeedbackReceived> INCOMING =
            Incoming.of("intake.feedback-received.v1", FeedbackReceived.class, "fr.numi.intake.feedback-received.v1");
}
