package fr.numi.feedback.kpi.domain;

import java.util.Objects;

/** A person rated the help they got on a ticket. The comment stays out: it is free text, not a KPI. */
public record FeedbackGiven(String feedbackId, String ticketId, Rating rating) {

    public FeedbackGiven {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(rating, "rating");
    }
}
