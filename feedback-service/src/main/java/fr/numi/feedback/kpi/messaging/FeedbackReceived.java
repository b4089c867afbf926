package fr.numi.feedback.kpi.messaging;

import java.time.Instant;

/**
 * feedback's own copy of the body of {@code intake.feedback-received.v1}: the fields it reads. The
 * free-text comment is left out until a use for it is designed (it may hold personal data).
 */
record FeedbackReceived(String feedbackId, String ticketId, String customerId, String channel, Integer rating, Instant receivedAt) {

    static final String TOPIC = "intake.feedback-received.v1";
}
