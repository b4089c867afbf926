package fr.numi.ticket.domain;

import java.time.Instant;

/**
 * One line of a ticket's history. Public entries are shown to the person; the others (triage
 * reasons, internal notes) only to agents.
 */
public record TimelineEntry(Instant at, String kind, boolean visibleToPerson, String text) {}
