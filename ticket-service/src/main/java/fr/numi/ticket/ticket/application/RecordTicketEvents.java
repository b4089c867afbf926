package fr.numi.ticket.application;

import fr.numi.ticket.domain.CyberUrgency;
import fr.numi.ticket.domain.RequestFacts;
import fr.numi.ticket.domain.SlaPolicy;
import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TriageDecision;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: apply what other services tell about tickets. A request from a person who already has an
 * open ticket joins that ticket (a conversation): its reference becomes an alias, and the triage
 * decision on it can raise the ticket's level, never lower it.
 */
@Service
public class RecordTicketEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordTicketEvents.class);

    private final TicketStore store;
    private final TicketChanges changes;
    private final SlaPolicy sla;
    private final Clock clock;

    public RecordTicketEvents(TicketStore store, TicketChanges changes, SlaPolicy sla, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.sla = sla;
        this.clock = clock;
    }

    public void requestReceived(String eventId, String ticketId, RequestFacts facts) {
        TicketStore.Stored own = store.load(ticketId).block(TicketChanges.STORE_TIMEOUT);
        if (own != null && own.ticket().isVisible()) {
            changes.apply(ticketId, true, ticket -> ticket.receive(eventId, facts, sla, clock.instant()));
            return;
        }
        String joined = store.findAlias(ticketId).block(TicketChanges.STORE_TIMEOUT);
        if (joined == null) {
            Ticket open = store.findOpenByCustomer(facts.customerId()).block(TicketChanges.STORE_TIMEOUT);
            if (open != null && !open.id().equals(ticketId)) {
                store.saveAlias(ticketId, open.id()).block(TicketChanges.STORE_TIMEOUT);
                joined = open.id();
                log.info("request ticket={} joins open ticket={} customer={}", ticketId, joined, facts.customerId());
            }
        }
        if (joined == null) {
            changes.apply(ticketId, true, ticket -> ticket.receive(eventId, facts, sla, clock.instant()));
            return;
        }
        changes.apply(joined, false, ticket -> ticket.followUp(eventId, facts, clock.instant()));
        if (own != null && own.ticket().triage() != null) {
            // The decision on this request overtook it: carry it over to the ticket it joined.
            TriageDecision early = own.ticket().triage();
            changes.apply(joined, false, ticket -> ticket.qualify("carried:" + eventId, early, sla, clock.instant()));
            store.delete(ticketId, own.storeVersion()).block(TicketChanges.STORE_TIMEOUT);
        }
    }

    public void cyberUrgencyDeclared(String eventId, String ticketId, CyberUrgency urgency) {
        String target = store.findAlias(ticketId).blockOptional(TicketChanges.STORE_TIMEOUT).orElse(ticketId);
        changes.apply(target, true, ticket -> ticket.markCyberUrgency(eventId, urgency, sla, clock.instant()));
    }

    public void deliveryFailed(String eventId, String ticketId, String notificationKind, String reason) {
        String target = store.findAlias(ticketId).blockOptional(TicketChanges.STORE_TIMEOUT).orElse(ticketId);
        changes.apply(target, false, ticket -> ticket.deliveryFailed(eventId, notificationKind, reason, clock.instant()));
    }

    public void requestTriaged(String eventId, String ticketId, TriageDecision decision) {
        String target = store.findAlias(ticketId).blockOptional(TicketChanges.STORE_TIMEOUT).orElse(ticketId);
        changes.apply(target, true, ticket -> ticket.qualify(eventId, decision, sla, clock.instant()));
    }
}
