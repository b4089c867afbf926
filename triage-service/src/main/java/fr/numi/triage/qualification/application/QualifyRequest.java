package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.ContactRecord;
import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.PriorContacts;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: decide on a received request, taking the person's recent contacts into account
 * (follow-up on the same ticket, repeated contacts), remember it, archive the decision with the words it was
 * taken on (for agents' corrections to become training data), and publish the decision; or only decide, for a
 * preview. Logs identifiers and the outcome, never the person's words or contact.
 *
 * <p>Order matters for redelivery: the history is read without this request's own entry, so a
 * request processed again (broker failure after the history write) gets the same decision.
 */
@Service
public class QualifyRequest {

    private static final Logger log = LoggerFactory.getLogger(QualifyRequest.class);

    private final Triage triage;
    private final DecisionPublisher publisher;
    private final ContactHistory history;
    private final DecisionArchive archive;
    private final MeterRegistry meters;

    public QualifyRequest(Triage triage, DecisionPublisher publisher, ContactHistory history, DecisionArchive archive,
            MeterRegistry meters) {
        this.triage = triage;
        this.publisher = publisher;
        this.history = history;
        this.archive = archive;
        this.meters = meters;
    }

    /** Decides, remembers, publishes and waits for the broker: a failure propagates so the message is retried. */
    public TriagedRequest qualify(ReceivedRequest request) {
        Instant now = Instant.now();
        Duration window = Duration.ofMinutes(triage.rules().repeatPolicy().withinMinutes());
        List<ContactRecord> remembered = history.recall(request.customerId());
        PriorContacts prior = ContactRecord.prior(remembered, request.requestId(), request.ticketId(), now, window);
        Decision decision = triage.decide(request.situation(), prior);
        history.remember(request.customerId(), new ContactRecord(request.requestId(), request.ticketId(), now,
                decision.level(), decision.cyberTier(), decision.category(), decision.urgency()));
        archive.archive(new DecisionArchive.ArchivedDecision(request.requestId(), request.ticketId(), request.customerId(),
                request.channel(), request.situation().wording(), decision));
        TriagedRequest triaged = new TriagedRequest(request.requestId(), request.ticketId(), request.customerId(), decision);
        publisher.publish(triaged);
        Counter.builder("numi.triage.decisions")
                .description("Decisions published by triage")
                .tag("category", decision.category())
                .tag("level", Integer.toString(decision.level()))
                .tag("cyber", Boolean.toString(decision.cyber()))
                .tag("tier", decision.cyberTier().name())
                .tag("review", Boolean.toString(decision.needsReview()))
                .register(meters)
                .increment();
        log.info("request triaged ticket={} customer={} level={} urgency={} category={} tier={} review={} confidence={} rules={}"
                        + " model={} followUp={} recentContacts={}",
                request.ticketId(), request.customerId(), decision.level(), decision.urgency(), decision.category(),
                decision.cyberTier(), decision.needsReview(), decision.confidence(), decision.rulesVersion(),
                decision.modelVersion(), prior.followUp(), prior.recentContacts());
        return triaged;
    }

    /** The decision triage would take on the words alone, with no side effect (nothing read, stored, published or counted). */
    public Decision preview(Situation situation) {
        return triage.decide(situation);
    }
}
