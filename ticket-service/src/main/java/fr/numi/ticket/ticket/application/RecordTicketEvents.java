package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.RequestFacts;
import fr.numi.ticket.ticket.domain.SlaPolicy;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TriageDecision;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: apply what other services tell about tickets, and keep each person to one conversation.
 *
 * <p>A message whose contact the gateway proved (WhatsApp, a call, an SMS) joins the person's
 * conversation: the ticket that holds it ({@link TicketStore#claimConversation}, one atomic claim per
 * person across instances, so a text and a red button a second apart never open two tickets), while
 * it is open and up to seven days after its resolution (it then reopens); later, a new ticket that
 * links the old one. The message's own reference becomes an alias of that ticket.
 *
 * <p>A request typed on the web (contact not proven) never joins nor reveals another ticket: it is its
 * own ticket, flagged to the agents as possibly the same person as the conversation its contact names.
 * A message sent with a tracking token ({@code inReplyTo}) joins exactly the ticket of that token.
 */
@Service
public class RecordTicketEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordTicketEvents.class);
    private static final int MAX_CLAIMS = 5;

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

    public void requestReceived(String eventId, String requestTicketId, RequestFacts facts, String inReplyTo) {
        String joined = alias(requestTicketId);
        if (joined == null && inReplyTo != null) {
            joined = answeredTicket(requestTicketId, inReplyTo);
        }
        if (joined == null && facts.proven()) {
            Conversation conversation = conversationFor(facts.customerId(), requestTicketId);
            if (!conversation.ticketId().equals(requestTicketId)) {
                joined = conversation.ticketId();
                store.saveAlias(requestTicketId, joined).block(TicketChanges.STORE_TIMEOUT);
                log.info("request ticket={} joins conversation ticket={} customer={}", requestTicketId, joined, facts.customerId());
            } else if (conversation.previous() != null) {
                String previous = conversation.previous();
                changes.apply(requestTicketId, true, ticket -> {
                    ticket.continues(previous, clock.instant());
                    return true;
                });
            }
        }
        if (joined == null) {
            changes.apply(requestTicketId, true, ticket -> ticket.receive(eventId, facts, sla, clock.instant()));
            if (!facts.proven()) {
                flagPossibleDuplicate(requestTicketId, facts.customerId());
            }
            return;
        }
        changes.apply(joined, true, ticket -> ticket.receive(eventId, facts, sla, clock.instant()));
        // Read again after the alias is written: a decision that overtook this request may have been
        // stored under the request's own reference in the meantime (the triage consumer runs in parallel).
        carryOverEarlyDecision(requestTicketId, joined);
    }

    /** The ticket a message sent with its tracking token answers (through aliases), if it still takes messages. */
    private String answeredTicket(String requestTicketId, String inReplyTo) {
        String target = alias(inReplyTo);
        target = target == null ? inReplyTo : target;
        Ticket ticket = store.load(target).blockOptional(TicketChanges.STORE_TIMEOUT).map(TicketStore.Stored::ticket).orElse(null);
        if (ticket == null || !ticket.isVisible() || !ticket.acceptsMessagesAt(clock.instant())) {
            return null;
        }
        store.saveAlias(requestTicketId, target).block(TicketChanges.STORE_TIMEOUT);
        return target;
    }

    private record Conversation(String ticketId, String previous) {}

    /**
     * The ticket that takes a proven person's message: the conversation they hold if it still takes
     * messages, else this request's own ticket (which then holds the conversation, linking the old one).
     */
    private Conversation conversationFor(String customerId, String requestTicketId) {
        for (int attempt = 1; attempt <= MAX_CLAIMS; attempt++) {
            String holder = store.claimConversation(customerId, requestTicketId).block(TicketChanges.STORE_TIMEOUT);
            if (holder == null || holder.equals(requestTicketId)) {
                return new Conversation(requestTicketId, null);
            }
            Ticket held = store.load(holder).blockOptional(TicketChanges.STORE_TIMEOUT).map(TicketStore.Stored::ticket).orElse(null);
            Instant now = clock.instant();
            if (held == null || held.acceptsMessagesAt(now)) {
                // Not written yet (claimed a moment ago by another message of the person): join it all the same.
                return new Conversation(holder, null);
            }
            if (held.mergedInto() != null) {
                store.moveConversation(customerId, holder, held.mergedInto()).block(TicketChanges.STORE_TIMEOUT);
                continue;
            }
            if (Boolean.TRUE.equals(store.moveConversation(customerId, holder, requestTicketId).block(TicketChanges.STORE_TIMEOUT))) {
                return new Conversation(requestTicketId, holder);
            }
        }
        throw new ConcurrentTicketUpdateException(requestTicketId, null);
    }

    /** An unproven request whose contact names a person's open conversation: both tickets say so to the agents. */
    private void flagPossibleDuplicate(String requestTicketId, String customerId) {
        String holder = store.conversationOf(customerId).block(TicketChanges.STORE_TIMEOUT);
        if (holder == null || holder.equals(requestTicketId)) {
            return;
        }
        Ticket held = store.load(holder).blockOptional(TicketChanges.STORE_TIMEOUT).map(TicketStore.Stored::ticket).orElse(null);
        if (held == null || !held.acceptsMessagesAt(clock.instant())) {
            return;
        }
        Instant now = clock.instant();
        changes.apply(requestTicketId, false, ticket -> ticket.flagPossibleDuplicate(holder, now));
        changes.apply(holder, false, ticket -> ticket.flagPossibleDuplicate(requestTicketId, now));
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

    /**
     * urgency-service declared a cyber emergency for a request. For a proven person it goes to their
     * conversation (claimed here when the declaration overtakes the request), never to a second ticket.
     */
    public void cyberUrgencyDeclared(String eventId, String ticketId, CyberUrgency urgency, boolean contactProven) {
        String target = alias(ticketId);
        if (target == null && contactProven && urgency.customerId() != null) {
            target = conversationFor(urgency.customerId(), ticketId).ticketId();
            if (!target.equals(ticketId)) {
                store.saveAlias(ticketId, target).block(TicketChanges.STORE_TIMEOUT);
                log.info("urgency of ticket={} goes to conversation ticket={} customer={}", ticketId, target, urgency.customerId());
            }
        }
        String into = target == null ? ticketId : target;
        changes.apply(into, true, ticket -> ticket.markCyberUrgency(eventId, urgency, sla, clock.instant()));
    }

    public void deliveryFailed(String eventId, String ticketId, String notificationKind, String reason) {
        changes.apply(aliasOr(ticketId), false, ticket -> ticket.deliveryFailed(eventId, notificationKind, reason, clock.instant()));
    }

    /**
     * The person proved the contact of a request (a code sent to it): the ticket's agents may now write
     * there, and the ticket holds the person's conversation when nobody else does (a later WhatsApp
     * message or call of theirs joins it); when another ticket holds it, both say it is the same person.
     */
    public void contactVerified(String eventId, String ticketId, String customerId, ContactPoint contact) {
        String target = aliasOr(ticketId);
        Ticket ticket = changes.apply(target, false, t -> t.contactVerified(eventId, contact, clock.instant()));
        if (ticket == null || !ticket.isVisible()) {
            return;
        }
        String holder = conversationFor(customerId, target).ticketId();
        if (!holder.equals(target)) {
            Instant now = clock.instant();
            changes.apply(target, false, t -> t.flagPossibleDuplicate(holder, now));
            changes.apply(holder, false, t -> t.flagPossibleDuplicate(target, now));
        }
    }

    public void rated(String eventId, String ticketId, int rating, String comment, String channel, Instant at) {
        changes.apply(aliasOr(ticketId), false, ticket -> ticket.rated(eventId, rating, comment, channel, at, clock.instant()));
    }

    public void requestTriaged(String eventId, String ticketId, TriageDecision decision) {
        String alias = alias(ticketId);
        if (alias != null) {
            changes.apply(alias, false, ticket -> ticket.qualify(eventId, decision, sla, clock.instant()));
            return;
        }
        Ticket ticket = changes.apply(ticketId, true, t -> t.qualify(eventId, decision, sla, clock.instant()));
        if (!ticket.isVisible()) {
            // Kept until its request comes; if that request joined another ticket meanwhile, carry it there.
            String joinedMeanwhile = alias(ticketId);
            if (joinedMeanwhile != null) {
                carryOverEarlyDecision(ticketId, joinedMeanwhile);
            }
        }
    }

    /** The ticket a reference now belongs to: an alias, followed through merges (a merged ticket is an alias too). */
    private String alias(String ticketId) {
        String found = store.findAlias(ticketId).block(TicketChanges.STORE_TIMEOUT);
        for (int hop = 0; found != null && hop < 3; hop++) {
            String next = store.findAlias(found).block(TicketChanges.STORE_TIMEOUT);
            if (next == null || next.equals(found)) {
                break;
            }
            found = next;
        }
        return found;
    }

    private String aliasOr(String ticketId) {
        String alias = alias(ticketId);
        return alias == null ? ticketId : alias;
    }
}
