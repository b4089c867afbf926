package fr.numi.feedback.kpi.domain;

import java.time.Duration;

/** A KPI fact newly established by an event: what the metrics count, exactly once per ticket. */
public sealed interface KpiFact {

    /** The ticket reached this status (every lifecycle change). */
    record StatusReached(TicketStatus status) implements KpiFact {}

    /** A new ticket (ticket-received). */
    record TicketReceived(String channel) implements KpiFact {}

    /** The ticket's first qualification: the volume by level and category. */
    record TicketQualified(Integer level, String channel, String category) implements KpiFact {}

    /** The first public answer by an agent, this long after the request arrived. */
    record FirstResponded(Duration after, Integer level, String channel) implements KpiFact {}

    /** The ticket's first resolution; {@code after} is null when the reception time is unknown. */
    record TicketResolved(Duration after, Integer level, String channel, String category, boolean firstContact) implements KpiFact {}

    /** A reopening within the window voids the first-contact resolution counted at resolution. */
    record FirstContactVoided(Integer level, String channel) implements KpiFact {}

    /** The ticket became a cyber emergency. */
    record CyberUrgencyStarted(String channel) implements KpiFact {}

    /** A level-3 agent claimed the cyber ticket this long after it became one. */
    record Level3PickedUp(Duration after, String channel) implements KpiFact {}

    /** The rating counts (the ticket is resolved). */
    record RatingCounted(int stars, Integer level, String channel, String category, boolean withComment) implements KpiFact {

        public RatingCounted(int stars, Integer level, String channel, String category) {
            this(stars, level, channel, category, false);
        }
    }

    /** The rating is kept until the ticket's resolution arrives. */
    record RatingParked() implements KpiFact {}

    /** A second rating of an already rated ticket: the first one counts, this one is ignored. */
    record RatingIgnored(String reason) implements KpiFact {}

    /** A survey must be requested from the person. */
    record SurveyDue() implements KpiFact {}
}
