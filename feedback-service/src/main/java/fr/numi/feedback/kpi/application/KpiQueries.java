package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.KpiCalculator;
import fr.numi.feedback.kpi.domain.KpiQuery;
import fr.numi.feedback.kpi.domain.KpiReport;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Use case: the KPIs of a window, computed from the stored per-ticket state and presence hours. */
@Service
public class KpiQueries {

    private final TicketKpiStore store;
    private final PresenceStore presence;
    private final KpiCalculator calculator;

    public KpiQueries(TicketKpiStore store, PresenceStore presence, KpiCalculator calculator) {
        this.store = store;
        this.presence = presence;
        this.calculator = calculator;
    }

    public Mono<KpiReport> report(KpiQuery query) {
        return Mono.zip(store.findActiveSince(query.from()).collectList(), presence.find(query.from(), query.to()).collectList())
                .map(found -> calculator.compute(query, found.getT1(), found.getT2()));
    }
}
