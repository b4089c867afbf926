package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: decide on a received request and publish the decision; or only decide, for a preview.
 * Logs identifiers and the outcome, never the person's words or contact.
 */
@Service
public class QualifyRequest {

    private static final Logger log = LoggerFactory.getLogger(QualifyRequest.class);

    private final Triage triage;
    private final DecisionPublisher publisher;
    private final MeterRegistry meters;

    public QualifyRequest(Triage triage, DecisionPublisher publisher, MeterRegistry meters) {
        this.triage = triage;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** Decides, publishes and waits for the broker: a failure propagates so the message is retried. */
    public TriagedRequest qualify(ReceivedRequest request) {
        Decision decision = triage.decide(request.situation());
        TriagedRequest triaged = new TriagedRequest(request.requestId(), request.ticketId(), request.customerId(), decision);
        publisher.publish(triaged);
        Counter.builder("numi.triage.decisions")
                .description("Decisions published by triage")
                .tag("category", decision.category())
                .tag("level", Integer.toString(decision.level()))
                .tag("cyber", Boolean.toString(decision.cyber()))
                .register(meters)
                .increment();
        log.info("request triaged ticket={} customer={} level={} urgency={} category={} cyber={} confidence={} rules={}",
                request.ticketId(), request.customerId(), decision.level(), decision.urgency(), decision.category(),
                decision.cyber(), decision.confidence(), decision.rulesVersion());
        return triaged;
    }

    /** The decision triage would take, with no side effect (nothing published, nothing counted). */
    public Decision preview(Situation situation) {
        return triage.decide(situation);
    }
}
