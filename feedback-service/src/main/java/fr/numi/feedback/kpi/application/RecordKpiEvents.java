package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.CyberUrgencyDeclared;
import fr.numi.feedback.kpi.domain.KpiFact;
import fr.numi.feedback.kpi.domain.KpiRules;
import fr.numi.feedback.kpi.domain.RatingGiven;
import fr.numi.feedback.kpi.domain.TicketChange;
import fr.numi.feedback.kpi.domain.TicketKpis;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: apply an event to its ticket's KPI state, save it (one document, conditional on its
 * version: no transaction needed), then count the facts it established and publish a due survey
 * request. An event already applied is recognised by its id in the stored state, so redeliveries
 * and replays count nothing twice, across restarts.
 */
@Service
public class RecordKpiEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordKpiEvents.class);
    private static final int ATTEMPTS = 5;
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final TicketKpiStore store;
    private final PresenceStore presence;
    private final SurveyPublisher surveys;
    private final KpiMetrics metrics;
    private final KpiRules rules;
    private final Clock clock;

    public RecordKpiEvents(TicketKpiStore store, PresenceStore presence, SurveyPublisher surveys, KpiMetrics metrics, KpiRules rules,
            Clock clock) {
        this.store = store;
        this.presence = presence;
        this.surveys = surveys;
        this.metrics = metrics;
        this.rules = rules;
        this.clock = clock;
    }

    public void ticketChanged(TicketChange change) {
        if (change.agentId() != null && change.agentLevel() != null) {
            presence.seen(change.agentLevel(), change.occurredAt()).block(STORE_TIMEOUT);
        }
        update(change.ticketId(), kpis -> kpis.apply(change, rules, clock.instant()));
    }

    public void ratingGiven(RatingGiven rating) {
        TicketKpis.Outcome outcome = update(rating.ticketId(), kpis -> kpis.rate(rating));
        if (!outcome.duplicate()) {
            log.info("rating ticket={} stars={} outcome={}", rating.ticketId(), rating.rating().stars(),
                    outcome.facts().isEmpty() ? "none" : outcome.facts().get(0).getClass().getSimpleName());
        }
    }

    public void cyberUrgencyDeclared(CyberUrgencyDeclared declared) {
        update(declared.ticketId(), kpis -> kpis.declareCyber(declared));
    }

    private TicketKpis.Outcome update(String ticketId, Function<TicketKpis, TicketKpis.Outcome> change) {
        for (int attempt = 1; ; attempt++) {
            TicketKpiStore.Stored stored = store.load(ticketId).block(STORE_TIMEOUT);
            TicketKpis kpis = stored == null ? TicketKpis.start(ticketId) : TicketKpis.restore(stored.kpis());
            Long version = stored == null ? null : stored.storeVersion();
            TicketKpis.Outcome outcome = change.apply(kpis);
            if (outcome.duplicate()) {
                log.debug("event already applied ticket={}", ticketId);
                publishPendingSurvey(kpis, version);
                return outcome;
            }
            Long saved;
            try {
                saved = store.save(kpis.snapshot(), version).block(STORE_TIMEOUT);
            } catch (ConcurrentKpiUpdateException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            metrics.record(outcome.facts());
            if (outcome.facts().stream().anyMatch(KpiFact.SurveyDue.class::isInstance)) {
                publishPendingSurvey(kpis, saved);
            }
            return outcome;
        }
    }

    /**
     * Publishes the survey request saved with the ticket (outbox), then marks it published. A crash in
     * between publishes it again on the redelivery: same ce_id, intake de-duplicates.
     */
    private void publishPendingSurvey(TicketKpis kpis, Long version) {
        if (!kpis.surveyPending() || version == null) {
            return;
        }
        TicketKpis.SurveyState survey = kpis.survey();
        surveys.publish(new SurveyPublisher.SurveyRequest(survey.surveyId(), kpis.ticketId(), kpis.customerId(), kpis.channel(),
                kpis.level(), kpis.firstResolvedAt(), survey.requestedAt()));
        metrics.surveyRequested(kpis.channel());
        kpis.surveyPublished();
        try {
            store.save(kpis.snapshot(), version).block(STORE_TIMEOUT);
        } catch (ConcurrentKpiUpdateException e) {
            log.debug("survey of ticket={} published; marked by the next write", kpis.ticketId());
        }
        log.info("survey requested ticket={} channel={}", kpis.ticketId(), kpis.channel());
    }
}
