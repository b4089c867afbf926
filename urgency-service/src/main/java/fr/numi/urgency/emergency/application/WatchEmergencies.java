package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.CyberDecision;
import fr.numi.urgency.emergency.domain.RedButtonPress;
import fr.numi.urgency.emergency.domain.SeenEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case, walking-skeleton version: notice red-button presses and cyber decisions, count them and
 * log the ticket. The protocol itself (switch to urgence cyber, first instructions, orientation,
 * paging) comes in a later issue. Each event is counted once, even when redelivered.
 */
@Service
public class WatchEmergencies {

    private static final Logger log = LoggerFactory.getLogger(WatchEmergencies.class);

    private final SeenEvents seen;
    private final MeterRegistry meters;

    public WatchEmergencies(SeenEvents seen, MeterRegistry meters) {
        this.seen = seen;
        this.meters = meters;
    }

    public void redButtonPressed(RedButtonPress press) {
        if (!seen.firstTime("request-received:" + press.requestId())) {
            log.debug("red button already handled ticket={}", press.ticketId());
            return;
        }
        Counter.builder("numi.red_button.requests")
                .description("Requests that arrived with the red button pressed")
                .tag("channel", press.channel().name())
                .register(meters)
                .increment();
        log.warn("red button pressed ticket={} customer={} channel={}", press.ticketId(), press.customerId(), press.channel());
    }

    public void cyberDecisionTaken(CyberDecision decision) {
        if (!seen.firstTime("request-triaged:" + decision.requestId())) {
            log.debug("cyber decision already handled ticket={}", decision.ticketId());
            return;
        }
        Counter.builder("numi.cyber.decisions")
                .description("triage decisions that flagged a cyber emergency")
                .tag("category", decision.category())
                .tag("urgency", decision.urgency())
                .register(meters)
                .increment();
        log.info("cyber decision ticket={} category={} urgency={}", decision.ticketId(), decision.category(), decision.urgency());
    }
}
