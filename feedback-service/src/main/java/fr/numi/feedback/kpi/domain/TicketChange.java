package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a ticket as ticket-service published it: the fields the KPIs need.
 *
 * @param level the ticket's level after the change (null until qualified)
 * @param fromLevel the level before an escalation
 * @param agentId the agent who acted, when an agent did (the presence signal)
 */
public record TicketChange(
        String eventId,
        String ticketId,
        LifecycleKind kind,
        TicketStatus status,
        String customerId,
        String channel,
        Integer level,
        Integer fromLevel,
        String category,
        boolean cyber,
        Instant occurredAt,
        Instant receivedAt,
        String agentId) {

    public TicketChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The level the acting agent works at: the level before an escalation, the ticket's level otherwise. */
    public Integer agentLevel() {
        return kind == LifecycleKind.ESCALATED && fromLevel != null ? fromLevel : level;
    }
}
