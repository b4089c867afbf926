package fr.numi.ticket.persistence;

import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TicketEvent;
import fr.numi.ticket.domain.TicketStatus;
import fr.numi.ticket.domain.TimelineEntry;
import fr.numi.ticket.domain.TriageDecision;
import fr.numi.ticket.domain.Urgency;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One ticket, one document: state, timeline, the ids of the events already applied and the outbox of
 * events not yet published. One document write covers a whole change, with no transaction needed.
 */
@Document(TicketDocument.COLLECTION)
record TicketDocument(
        @Id String id,
        @Version Long storeVersion,
        String customerId,
        String channel,
        String trackingTokenHash,
        TicketStatus status,
        Integer level,
        Urgency urgency,
        String category,
        boolean cyber,
        TriageDecision triage,
        Instant receivedAt,
        Instant updatedAt,
        int version,
        List<TimelineEntry> timeline,
        List<String> processedEventIds,
        List<TicketEvent> outbox) {

    static final String COLLECTION = "tickets";

    static TicketDocument of(Ticket ticket, Long storeVersion) {
        Ticket.Snapshot s = ticket.snapshot();
        return new TicketDocument(s.id(), storeVersion, s.customerId(), s.channel(), s.trackingTokenHash(), s.status(),
                s.level(), s.urgency(), s.category(), s.cyber(), s.triage(), s.receivedAt(), s.updatedAt(), s.version(),
                s.timeline(), s.processedEventIds(), s.outbox());
    }

    Ticket toTicket() {
        return Ticket.restore(new Ticket.Snapshot(id, customerId, channel, trackingTokenHash, status, level, urgency, category,
                cyber, triage, receivedAt, updatedAt, version, nonNull(timeline), nonNull(processedEventIds), nonNull(outbox)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
