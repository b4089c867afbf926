package fr.numi.ticket.web;

import fr.numi.ticket.domain.CyberUrgency;
import fr.numi.ticket.domain.FirstResponseClock;
import fr.numi.ticket.domain.SupportLevel;
import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TimelineEntry;
import fr.numi.ticket.domain.TriageDecision;
import java.time.Instant;
import java.util.List;

/** What an agent sees of a ticket: everything, including triage reasons and internal notes. */
record AgentTicketView(
        String ticketId,
        String status,
        Integer level,
        String levelLabel,
        String urgency,
        String category,
        boolean cyber,
        String channel,
        String customerId,
        String assignee,
        int version,
        Instant receivedAt,
        Instant queuedAt,
        Instant updatedAt,
        Instant firstResponseDueAt,
        Instant firstResponseAt,
        int escalations,
        int reopenings,
        TriageDecision triage,
        CyberUrgency cyberUrgency,
        List<TimelineEntry> timeline) {

    static AgentTicketView of(Ticket t) {
        FirstResponseClock clock = t.firstResponseClock();
        return new AgentTicketView(t.id(), t.status().name(), t.level(), SupportLevel.label(t.level()),
                t.urgency() == null ? null : t.urgency().name(), t.category(), t.cyber(), t.channel(), t.customerId(), t.assignee(),
                t.version(), t.receivedAt(), t.queuedAt(), t.updatedAt(), clock == null || clock.respondedAt() != null ? null : clock.dueAt(),
                t.firstResponseAt(), t.escalations(), t.reopenings(), t.triage(), t.cyberUrgency(), t.timeline());
    }

    /** A line of a queue listing. */
    record QueueItem(String ticketId, String status, int level, String urgency, String category, boolean cyber, Instant queuedAt,
            Instant firstResponseDueAt) {

        static QueueItem of(Ticket t) {
            FirstResponseClock clock = t.firstResponseClock();
            return new QueueItem(t.id(), t.status().name(), t.level(), t.urgency() == null ? null : t.urgency().name(), t.category(),
                    t.cyber(), t.queuedAt(), clock == null || clock.respondedAt() != null ? null : clock.dueAt());
        }
    }
}
