package fr.numi.ticket.ticket.persistence;

import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.FirstResponseClock;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import fr.numi.ticket.ticket.domain.TicketStatus;
import fr.numi.ticket.ticket.domain.TimelineEntry;
import fr.numi.ticket.ticket.domain.TriageDecision;
import fr.numi.ticket.ticket.domain.Urgency;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One ticket, one document: state, the person's name and contacts, the conversation and history
 * (timeline), the ids of the events already applied and the outbox of events not yet published. One document write covers a whole change, with no transaction needed.
 * {@code slaDeadline} is denormalised: the ticket's next first-response moment, as its timer in {@code ticket_timers} has
 * it (docs/adr/0007), readable by a query.
 */
@Document(TicketDocument.COLLECTION)
record TicketDocument(
        @Id String id,
        @Version Long storeVersion,
        String customerId,
        String channel,
        List<String> trackingTokenHashes,
        TicketStatus status,
        Integer level,
        Urgency urgency,
        String category,
        boolean cyber,
        TriageDecision triage,
        Instant receivedAt,
        Instant queuedAt,
        Instant updatedAt,
        int version,
        String assignee,
        List<String> agentsInvolved,
        int escalations,
        int reopenings,
        boolean waitedForPerson,
        Instant firstResponseAt,
        Instant resolvedAt,
        FirstResponseClock firstResponse,
        CyberUrgency cyberUrgency,
        String name,
        List<ContactPoint> contacts,
        List<String> possibleDuplicates,
        String linkedTicketId,
        String mergedInto,
        String trackingRequestId,
        boolean trackingLinkSent,
        boolean resolutionCheckPending,
        boolean cyberSuspected,
        boolean needsReview,
        Instant slaDeadline,
        List<TimelineEntry> timeline,
        List<String> processedEventIds,
        List<TicketEvent> outbox) {

    static final String COLLECTION = "tickets";

    static TicketDocument of(Ticket ticket, Long storeVersion) {
        Ticket.Snapshot s = ticket.snapshot();
        return new TicketDocument(s.id(), storeVersion, s.customerId(), s.channel(), s.trackingTokenHashes(), s.status(), s.level(),
                s.urgency(), s.category(), s.cyber(), s.triage(), s.receivedAt(), s.queuedAt(), s.updatedAt(), s.version(), s.assignee(),
                s.agentsInvolved(), s.escalations(), s.reopenings(), s.waitedForPerson(), s.firstResponseAt(), s.resolvedAt(),
                s.firstResponse(), s.cyberUrgency(), s.name(), s.contacts(), s.possibleDuplicates(), s.linkedTicketId(), s.mergedInto(),
                s.trackingRequestId(), s.trackingLinkSent(), s.resolutionCheckPending(), s.cyberSuspected(), s.needsReview(),
                ticket.nextSlaDeadline(), s.timeline(),
                s.processedEventIds(), s.outbox());
    }

    Ticket toTicket() {
        return Ticket.restore(new Ticket.Snapshot(id, customerId, channel, nonNull(trackingTokenHashes), status, level, urgency, category,
                cyber, triage, receivedAt, queuedAt, updatedAt, version, assignee, nonNull(agentsInvolved), escalations, reopenings,
                waitedForPerson, firstResponseAt, resolvedAt, firstResponse, cyberUrgency, name, nonNull(contacts), nonNull(possibleDuplicates),
                linkedTicketId, mergedInto, trackingRequestId, trackingLinkSent, resolutionCheckPending, cyberSuspected, needsReview,
                nonNull(timeline),
                nonNull(processedEventIds), nonNull(outbox)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
