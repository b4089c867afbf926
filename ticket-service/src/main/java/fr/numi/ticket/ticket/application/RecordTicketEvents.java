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
        // Read again after the alias is written: a decision that overtook this request may have been
        // stored under the request's own reference in the meantime (the triage consumer runs in parallel).
        carryOverEarlyDecision(ticketId, joined);
    }

    /**
     * A triage decision kept under a request's reference (it came before its request) goes to the ticket
     * the request joined. Both sides call this after writing their own fact (the alias, the decision),
     * so whichever comes second sees the other; the carried decision is applied once per request.
     */
    private void carryOverEarlyDecision(String requestTicketId, String joined) {
        TicketStore.Stored pending = store.load(requestTicketId).block(TicketChanges.STORE_TIMEOUT);
        if (pending == null || pending.ticket().isVisible() || pending.ticket().triage() == null) {
            return;
        }
        TriageDecision early = pending.ticket().triage();
        changes.apply(joined, false, ticket -> ticket.qualify("carried:" + early.requestId(), early, sla, clock.instant()));
        store.delete(requestTicketId, pending.storeVersion()).block(TicketChanges.STORE_TIMEOUT);
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
        String alias = store.findAlias(ticketId).block(TicketChanges.STORE_TIMEOUT);
        if (alias != null) {
            changes.apply(alias, false, ticket -> ticket.qualify(eventId, decision, sla, clock.instant()));
            return;
        }
        Ticket ticket = changes.apply(ticketId, true, t -> t.qualify(eventId, decision, sla, clock.instant()));
        if (!ticket.isVisible()) {
            // Kept until its request comes; if that request joined another ticket meanwhile, carry it there.
            String joinedMeanwhile = store.findAlias(ticketId).block(TicketChanges.STORE_TIMEOUT);
            if (joinedMeanwhile != null) {
                carryOverEarlyDecision(ticketId, joinedMeanwhile);
            }
        }
    }
}
