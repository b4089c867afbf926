package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.FeedbackGiven;
import fr.numi.feedback.kpi.domain.SeenEvents;
import fr.numi.feedback.kpi.domain.TicketStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case, walking-skeleton version: count ticket state changes and ratings as Prometheus
 * counters. KPI aggregates (resolution times, satisfaction per level) come in a later issue. Each
 * event is counted once, even when redelivered.
 */
@Service
public class CountKpiEvents {

    private static final Logger log = LoggerFactory.getLogger(CountKpiEvents.class);

    private final SeenEvents seen;
    private final MeterRegistry meters;

    public CountKpiEvents(SeenEvents seen, MeterRegistry meters) {
        this.seen = seen;
        this.meters = meters;
    }

    public void ticketStatusChanged(TicketStatusChanged change) {
        if (!seen.firstTime("ticket-lifecycle:" + change.eventId())) {
            log.debug("lifecycle event already counted ticket={}", change.ticketId());
            return;
        }
        Counter.builder("numi.ticket.lifecycle.events")
                .description("Ticket state changes, by the state reached")
                .tag("status", change.status().name())
                .register(meters)
                .increment();
        log.debug("lifecycle event counted ticket={} status={}", change.ticketId(), change.status());
    }

    public void feedbackGiven(FeedbackGiven feedback) {
        if (!seen.firstTime("feedback-received:" + feedback.feedbackId())) {
            log.debug("feedback already counted ticket={}", feedback.ticketId());
            return;
        }
        Counter.builder("numi.feedback.ratings")
                .description("Ratings given by people, by number of stars")
                .tag("rating", Integer.toString(feedback.rating().stars()))
                .register(meters)
                .increment();
        log.info("feedback counted ticket={} rating={}", feedback.ticketId(), feedback.rating().stars());
    }
}
