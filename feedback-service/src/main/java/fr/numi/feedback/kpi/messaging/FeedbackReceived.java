package fr.numi.feedback.kpi.messaging;

import java.time.Instant;

/**
 * feedback's own copy of the body of {@code intake.feedback-received.v1}: the fields it reads. Only
 * whether there is a comment is used (counted); its words are personal data, read by the agents in
 * ticket-service, not kept here.
 */
record FeedbackReceived(String feedbackId, String ticketId, String customerId, String channel, Integer rating, String comment,
        Instant receivedAt) {

    static final String TOPIC = "intake.feedback-received.v1";
}
