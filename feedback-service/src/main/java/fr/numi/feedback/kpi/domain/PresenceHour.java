package fr.numi.feedback.kpi.domain;

import java.time.Instant;

/**
 * The presence signal: at least one agent of this level acted on a ticket (claim, reply, question,
 * escalation, resolution, closing, reopening, note) during the clock hour starting at {@code hour}.
 */
public record PresenceHour(int level, Instant hour, Instant lastSeenAt) {}
