package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.time.Instant;

/** Builds one ticket's lifecycle events as ticket-service publishes them, in test time. */
final class TicketStory {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final String ticketId;
    private final String channel;
    private int level = 1;
    private String category = "printing";
    private boolean cyber;
    private int seq;

    TicketStory(String ticketId, String channel) {
        this.ticketId = ticketId;
        this.channel = channel;
    }

    TicketStory level(int level) {
        this.level = level;
        return this;
    }

    TicketStory category(String category) {
        this.category = category;
        return this;
    }

    TicketStory cyber() {
        this.cyber = true;
        return this;
    }

    TicketChange at(Duration after, LifecycleKind kind, TicketStatus status, String agentId) {
        return new TicketChange(ticketId + ":" + kind.name().toLowerCase() + ":" + (++seq), ticketId, kind, status,
                "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", channel, kind == LifecycleKind.RECEIVED ? null : level, null,
                kind == LifecycleKind.RECEIVED ? null : category, cyber, T0.plus(after), T0, agentId);
    }

    TicketChange received() {
        return at(Duration.ZERO, LifecycleKind.RECEIVED, TicketStatus.RECEIVED, null);
    }

    TicketChange qualified(Duration after) {
        return at(after, LifecycleKind.QUALIFIED, TicketStatus.QUALIFIED, null);
    }

    TicketChange claimed(Duration after) {
        return at(after, LifecycleKind.CLAIMED, TicketStatus.IN_PROGRESS, "agent-" + level);
    }

    TicketChange replied(Duration after) {
        return at(after, LifecycleKind.REPLIED, TicketStatus.IN_PROGRESS, "agent-" + level);
    }

    TicketChange escalated(Duration after, int to) {
        int from = level;
        level = to;
        TicketChange e = at(after, LifecycleKind.ESCALATED, TicketStatus.QUALIFIED, "agent-" + from);
        return new TicketChange(e.eventId(), e.ticketId(), e.kind(), e.status(), e.customerId(), e.channel(), to, from, e.category(),
                e.cyber(), e.occurredAt(), e.receivedAt(), e.agentId());
    }

    TicketChange resolved(Duration after) {
        return at(after, LifecycleKind.RESOLVED, TicketStatus.RESOLVED, "agent-" + level);
    }

    TicketChange reopened(Duration after) {
        return at(after, LifecycleKind.REOPENED, TicketStatus.REOPENED, "agent-" + level);
    }

    TicketChange closed(Duration after) {
        return at(after, LifecycleKind.CLOSED, TicketStatus.CLOSED, "agent-" + level);
    }
}
