package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.TicketKpis;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the per-ticket KPI state lives (feedback's own database). */
public interface TicketKpiStore {

    /** The stored state and the store version to save it back against. */
    record Stored(TicketKpis.Snapshot kpis, long storeVersion) {}

    Mono<Stored> load(String ticketId);

    /**
     * Saves the state: inserts it when {@code storeVersion} is null, otherwise only if the stored
     * version is still this one.
     *
     * @return the new store version
     * @throws ConcurrentKpiUpdateException (in the Mono) when another writer got there first
     */
    Mono<Long> save(TicketKpis.Snapshot kpis, Long storeVersion);

    /** Every ticket with an event at or after this instant (the candidates of a KPI window). */
    Flux<TicketKpis.Snapshot> findActiveSince(Instant since);

    /** Cyber tickets not claimed by level 3 and not resolved. */
    Flux<TicketKpis.Snapshot> findAwaitingLevel3();

    /** Ratings kept until their ticket's resolution arrives. */
    Mono<Long> countParkedRatings();

    /**
     * An erasure: the tickets of this customer keep their KPIs (ratings, times, levels) under {@code marker} instead of
     * the customer id; the change counts as a write (the store version moves), so a concurrent writer reads again.
     *
     * @return how many tickets were changed (0 the second time)
     */
    Mono<Long> forgetCustomer(String customerId, String marker);
}
