package fr.numi.ticket.ticket.application;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.ticket.ticket.domain.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * ticket-service's part of an erasure (issue 14, ADR 11): every ticket the person opened or wrote into is made
 * anonymous through the one way a ticket changes ({@link TicketChanges}: read, {@link Ticket#erasePerson}, conditional
 * write), and the look-ups that lead from the person to them are deleted (their conversation pointer, their tickets'
 * tracking tokens), before and after, so that a message racing the erasure does not join an erased ticket. Then the
 * answer. Each step is idempotent: run again (a redelivery, a crash before the answer), it changes nothing and answers
 * again. MongoDB or the broker away fails the call; the record is tried again (ADR 6).
 */
@Service
public class ErasePerson {

    private static final Logger log = LoggerFactory.getLogger(ErasePerson.class);
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    private final TicketStore store;
    private final TicketChanges changes;
    private final ErasureAnswers answers;
    private final CustomerKeys keys;

    public ErasePerson(TicketStore store, TicketChanges changes, ErasureAnswers answers, CustomerKeys keys) {
        this.store = store;
        this.changes = changes;
        this.answers = answers;
        this.keys = keys;
    }

    /** @return per collection, what was changed */
    public Map<String, Long> erase(String erasureId, String customerId) {
        // the key again: it also empties this instance's cache, so nothing of theirs still in flight opens here
        CustomerKeys.await(keys.destroy(customerId), "erasure " + erasureId);
        long pointers = store.forgetPerson(customerId, List.of()).block(AT_MOST);
        List<String> ids = store.idsOfPerson(customerId).collectList().block(AT_MOST);
        long tickets = 0;
        for (String ticketId : ids) {
            Set<String> hashes = new LinkedHashSet<>();
            Ticket before = store.load(ticketId).blockOptional(AT_MOST).map(TicketStore.Stored::ticket).orElse(null);
            if (before == null) {
                continue;
            }
            if (customerId.equals(before.customerId())) {
                hashes.addAll(before.trackingTokenHashes());
            }
            pointers += store.forgetPerson(customerId, new ArrayList<>(hashes)).block(AT_MOST);
            boolean[] changed = {false};
            changes.apply(ticketId, false, ticket -> {
                changed[0] = ticket.erasePerson(customerId);
                return changed[0];
            });
            if (changed[0]) {
                tickets++;
            }
        }
        pointers += store.forgetPerson(customerId, List.of()).block(AT_MOST);
        Map<String, Long> counts = Map.of("tickets", tickets, "lookups", pointers);
        answers.completed(erasureId, customerId, counts);
        log.info("erasure {}: {} ticket(s) made anonymous", erasureId, tickets);
        return counts;
    }
}
