package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A person rated the help they got on a ticket. Whether they left a comment counts (comments are read
 * by the ticket's agents in ticket-service); the words themselves are not kept here.
 */
public record RatingGiven(String eventId, String feedbackId, String ticketId, Rating rating, Instant ratedAt, boolean withComment) {

    public RatingGiven(String eventId, String feedbackId, String ticketId, Rating rating, Instant ratedAt) {
        this(eventId, feedbackId, ticketId, rating, ratedAt, false);
    }

    public RatingGiven {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(ratedAt, "ratedAt");
    }
}
