package fr.numi.intake.feedback.application;

import java.time.Instant;

/** A rating to publish on {@code intake.feedback-received.v1}. */
public record FeedbackReceived(
        String feedbackId, String ticketId, String customerId, String channel, int rating, String comment, Instant receivedAt) {

    @Override
    public String toString() {
        return "FeedbackReceived[" + feedbackId + ", " + ticketId + ", " + channel + ", rating=" + rating + "]";
    }
}
