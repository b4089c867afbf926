package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.util.Objects;

/** A person rated the help they got on a ticket. The comment stays out: free text, not a KPI. */
public record RatingGiven(String eventId, String feedbackId, String ticketId, Rating rating, Instant ratedAt) {

    public RatingGiven {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(ratedAt, "ratedAt");
    }
}
