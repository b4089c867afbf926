package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.Agent;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.IncidentClassifier;
import fr.numi.urgency.emergency.domain.IncidentClassifier.Inference;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.IncidentTypeSource;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.TicketSighting;
import fr.numi.urgency.emergency.domain.Trigger;
import fr.numi.urgency.emergency.domain.Urgency;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The red-button protocol. Whatever sets it off (the person's red button, triage's cyber decision, an
 * agent), a ticket gets one urgency, and for it, in this order: the first instructions and the
 * orientation handed to delivery for the person (both at once), then
 * {@code urgency.cyber-urgency-declared.v1} (ticket-service puts the ticket at the head of the level-3
 * queue; the event says whether the messages could be handed over), then the level-3 page, which does
 * not hold anything up. Each step is recorded on the urgency, so a redelivery or another instance
 * resumes where it stopped and never repeats a finished step. Logs carry ticket ids and types, never
 * the person's words.
 */
@Service
public class CyberUrgencyProtocol {

    private static final Logger log = LoggerFactory.getLogger(CyberUrgencyProtocol.class);

    /** How a trigger was taken. */
    public enum Result {
        /** It made a new urgency. */
        NEW,
        /** The ticket already had an urgency, from another trigger: nothing new was done. */
        EXISTING,
        /** The same trigger again (a redelivery): nothing new was done. */
        REDELIVERED
    }

    /** The urgency after a trigger, and how the trigger was taken. */
    public record Outcome(Result result, Urgency urgency) {}

    /** What urgency-service reads from a received request. The text is only classified, never kept. */
    public record ReceivedRequest(
            String requestId, String ticketId, String customerId, Channel channel, String text, boolean redButton, Instant receivedAt) {}

    /** A cyber decision of triage. */
    public record CyberDecision(String requestId, String ticketId, String customerId, String category, String urgency, Instant decidedAt) {}

    /**
     * A level-3 agent confirmed, from the desk, that a ticket is a cyber emergency (triage had it suspected or
     * not cyber at all).
     *
     * @param category the ticket's category after the correction, or null when the agent left it unchanged
     */
    public record AgentConfirmation(String correctionId, String ticketId, String customerId, String agentId, String category,
            Instant confirmedAt) {}

    private final UrgencyStore store;
    private final UrgencyEvents events;
    private final Pager pager;
    private final Playbook playbook;
    private final IncidentClassifier classifier;
    private final ProtocolSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public CyberUrgencyProtocol(UrgencyStore store, UrgencyEvents events, Pager pager, Playbook playbook, IncidentClassifier classifier,
            ProtocolSettings settings, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.events = events;
        this.pager = pager;
        this.playbook = playbook;
        this.classifier = classifier;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Every received request: remembered (so later triggers can reach the person); with the red button
     * pressed, the urgency is declared at once, without waiting for triage.
     */
    public Optional<Outcome> requestReceived(ReceivedRequest request) {
        IncidentType hint = classifier.fromText(request.text()).orElse(null);
        TicketSighting sighting = new TicketSighting(request.ticketId(), request.customerId(), request.channel(), hint, request.receivedAt());
        if (request.redButton()) {
            Inference inference = classifier.infer(hint, null);
            Outcome outcome = declare(request.ticketId(), request.customerId(), Optional.of(sighting), Trigger.RED_BUTTON,
                    "request:" + request.requestId(), null, inference, request.receivedAt());
            if (outcome.result() != Result.REDELIVERED) {
                Counter.builder("numi.red_button.requests")
                        .description("Requests that arrived with the red button pressed")
                        .tag("channel", request.channel().name())
                        .register(meters)
                        .increment();
            }
            store.recordSighting(sighting);
            return Optional.of(outcome);
        }
        store.recordSighting(sighting);
        return store.find(request.ticketId())
                .filter(u -> u.status() == UrgencyStatus.AWAITING_REQUEST)
                .flatMap(u -> completeAwaiting(request.ticketId(), sighting))
                .map(u -> new Outcome(Result.EXISTING, u));
    }

    /** triage judged the request a cyber emergency. If the request was not seen yet, the urgency waits for it. */
    public Outcome cyberDecisionTaken(CyberDecision decision) {
        Outcome outcome = declareFromEvent(decision.ticketId(), decision.customerId(), decision.category(), Trigger.TRIAGE,
                "triage:" + decision.requestId(), null, decision.decidedAt());
        if (outcome.result() != Result.REDELIVERED) {
            Counter.builder("numi.cyber.decisions")
                    .description("triage decisions that flagged a cyber emergency")
                    .tag("category", decision.category())
                    .tag("urgency", decision.urgency())
                    .register(meters)
                    .increment();
        }
        return outcome;
    }

    /**
     * A level-3 agent confirmed a suspected (or missed) cyber emergency: the protocol starts as if triage had
     * flagged it, with the agent named as its trigger. The correction's id makes a redelivery harmless; an
     * urgency already declared (red button, triage) is left as it is.
     */
    public Outcome confirmedByAgent(AgentConfirmation confirmation) {
        Outcome outcome = declareFromEvent(confirmation.ticketId(), confirmation.customerId(), confirmation.category(), Trigger.AGENT,
                "correction:" + confirmation.correctionId(), confirmation.agentId(), confirmation.confirmedAt());
        if (outcome.result() != Result.REDELIVERED) {
            count("numi.cyber.confirmations", "Suspected or missed cyber emergencies a level-3 agent confirmed from the desk",
                    "result", outcome.result().name());
        }
        return outcome;
    }

    /** A trigger carried by an event: the urgency waits for the request when it was not seen yet. */
    private Outcome declareFromEvent(String ticketId, String customerId, String category, Trigger trigger, String triggerEventId,
            String agentId, Instant triggeredAt) {
        Optional<TicketSighting> sighting = store.findSighting(ticketId);
        Inference inference = classifier.infer(sighting.map(TicketSighting::textHint).orElse(null), category);
        Outcome outcome = declare(ticketId, customerId, sighting, trigger, triggerEventId, agentId, inference, triggeredAt);
        if (outcome.urgency().status() == UrgencyStatus.AWAITING_REQUEST) {
            // The request may have been recorded meanwhile: whoever claims the urgency first completes it.
            Optional<Urgency> completed = store.findSighting(ticketId).flatMap(s -> completeAwaiting(ticketId, s));
            if (completed.isPresent()) {
                return new Outcome(outcome.result(), completed.get());
            }
        }
        return outcome;
    }

    /**
     * An agent or a supervisor declares the urgency. The ticket must have been seen on the intake topic;
     * a second declaration changes nothing and answers the existing urgency.
     *
     * @param chosen the incident type the agent chose, or null to infer it from the request's text
     */
    public Outcome declaredByAgent(Agent agent, String ticketId, IncidentType chosen) {
        Optional<Urgency> existing = store.find(ticketId);
        if (existing.isPresent()) {
            count("numi.cyber.urgency.duplicates", "Triggers on a ticket that already had its urgency", "trigger", Trigger.AGENT.name());
            return new Outcome(Result.EXISTING, resume(existing.get()));
        }
        TicketSighting sighting = store.findSighting(ticketId).orElseThrow(() -> new UnknownTicketException(ticketId));
        Inference inference = chosen != null ? new Inference(chosen, IncidentTypeSource.AGENT) : classifier.infer(sighting.textHint(), null);
        return declare(ticketId, sighting.customerId(), Optional.of(sighting), Trigger.AGENT, "agent:" + ticketId, agent.id(), inference,
                clock.instant());
    }

    /** Level 3 changes the incident type: the person gets the instructions and orientation of the new type. */
    public Urgency revise(Agent agent, String ticketId, IncidentType type) {
        if (!agent.handlesUrgencies()) {
            throw new NotAllowedException("revising an incident type is for level 3 and supervisors");
        }
        Urgency current = read(agent, ticketId);
        if (current.incidentType() == type) {
            return current;
        }
        if (current.status() == UrgencyStatus.DECLARING) {
            throw new UrgencyBusyException(ticketId);
        }
        if (current.status() == UrgencyStatus.AWAITING_REQUEST) {
            Urgency retyped = current.retypedWhileAwaiting(type, agent, clock.instant());
            if (!store.saveRevision(retyped, current.revision())) {
                throw new UrgencyBusyException(ticketId);
            }
            return retyped;
        }
        Urgency revised = current.revised(type, agent, clock.instant(), settings.lease());
        if (!store.saveRevision(revised, current.revision())) {
            throw new UrgencyBusyException(ticketId);
        }
        log.info("cyber urgency revised ticket={} incidentType={} revision={}", ticketId, type, revised.revision());
        return run(revised);
    }

    /** The urgency, for level 3 and supervisors. */
    public Urgency read(Agent agent, String ticketId) {
        if (!agent.handlesUrgencies()) {
            throw new NotAllowedException("cyber urgencies are for level 3 and supervisors");
        }
        return store.find(ticketId).orElseThrow(() -> new UrgencyNotFoundException(ticketId));
    }

    /** Resumes urgencies another instance left half-way, and pages that never went out. */
    public void sweep() {
        Instant now = clock.instant();
        for (Urgency stalled : store.findStalled(now)) {
            try {
                resume(stalled);
            } catch (RuntimeException e) {
                log.warn("could not resume cyber urgency ticket={}: {}", stalled.ticketId(), e.toString());
            }
        }
        for (Urgency unpaged : store.findUnpaged(now.minus(settings.pageGrace()))) {
            page(unpaged);
        }
    }

    private Outcome declare(String ticketId, String customerId, Optional<TicketSighting> sighting, Trigger trigger, String triggerEventId,
            String agentId, Inference inference, Instant triggeredAt) {
        Instant now = clock.instant();
        Urgency fresh = Urgency.declare(ticketId, customerId, sighting.map(TicketSighting::channel).orElse(null), trigger, triggerEventId,
                agentId, inference.type(), inference.source(), triggeredAt == null ? now : triggeredAt, now, settings.lease());
        Optional<Urgency> existing = store.insertIfAbsent(fresh);
        if (existing.isEmpty()) {
            count("numi.cyber.urgencies", "Cyber urgencies declared", "trigger", trigger.name(), "incident_type", inference.type().name());
            log.warn("cyber urgency ticket={} trigger={} incidentType={}", ticketId, trigger, inference.type());
            return new Outcome(Result.NEW, fresh.status() == UrgencyStatus.AWAITING_REQUEST ? fresh : run(fresh));
        }
        Urgency urgency = existing.get();
        boolean redelivery = urgency.triggerEventId().equals(triggerEventId);
        if (!redelivery) {
            count("numi.cyber.urgency.duplicates", "Triggers on a ticket that already had its urgency", "trigger", trigger.name());
            log.info("cyber urgency already declared ticket={} by={} now={}", ticketId, urgency.trigger(), trigger);
        }
        Urgency current = urgency.status() == UrgencyStatus.AWAITING_REQUEST && sighting.isPresent()
                ? completeAwaiting(ticketId, sighting.get()).orElse(urgency)
                : resume(urgency);
        return new Outcome(redelivery ? Result.REDELIVERED : Result.EXISTING, current);
    }

    private Optional<Urgency> completeAwaiting(String ticketId, TicketSighting sighting) {
        return store.claimAwaiting(ticketId, sighting.channel(), clock.instant().plus(settings.lease()))
                .map(u -> u.withRequest(sighting, clock.instant(), settings.lease()))
                .map(u -> {
                    store.save(u);
                    return run(u);
                });
    }

    /** Runs the rest of the protocol if it was left half-way and nobody holds it any more; answers the urgency as it is. */
    private Urgency resume(Urgency urgency) {
        if (urgency.status() != UrgencyStatus.DECLARING) {
            return urgency;
        }
        Instant now = clock.instant();
        return store.claimStalled(urgency.ticketId(), now, now.plus(settings.lease())).map(this::run).orElse(urgency);
    }

    private Urgency run(Urgency claimed) {
        Instant now = clock.instant();
        String label = playbook.label(claimed.incidentType());
        CompletableFuture<Void> instructions = claimed.instructions().isDone() ? CompletableFuture.completedFuture(null)
                : events.requestNotification(new NotificationRequest(claimed.instructions().id(), claimed.ticketId(), claimed.customerId(),
                        claimed.channel(), Kind.CYBER_INSTRUCTIONS, playbook.instructionsText(claimed.incidentType(), claimed.ticketId()), now));
        CompletableFuture<Void> orientation = claimed.orientation().isDone() ? CompletableFuture.completedFuture(null)
                : events.requestNotification(new NotificationRequest(claimed.orientation().id(), claimed.ticketId(), claimed.customerId(),
                        claimed.channel(), Kind.CYBER_ORIENTATION, playbook.orientationText(claimed.incidentType()), now));
        Urgency urgency = claimed
                .withInstructions(handedOver(claimed, claimed.instructions(), instructions, Kind.CYBER_INSTRUCTIONS))
                .withOrientation(handedOver(claimed, claimed.orientation(), orientation, Kind.CYBER_ORIENTATION));
        try {
            events.publishDeclared(new Declaration(urgency, label, playbook.instructionsVersion(),
                    playbook.instructions(urgency.incidentType()), playbook.orientationVersion(), playbook.orientation(urgency.incidentType())));
        } catch (PublicationFailedException e) {
            store.save(urgency.declarationFailed(clock.instant(), e.getMessage()));
            throw e;
        }
        Urgency declared = urgency.declared(clock.instant());
        store.save(declared);
        if (declared.revision() == 1) {
            Timer.builder("numi.cyber.urgency.declaration")
                    .description("From the trigger to the declared event acknowledged by the broker")
                    .tag("trigger", declared.trigger().name())
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(Duration.between(declared.triggeredAt(), declared.declaration().at()).abs());
        }
        page(declared);
        return declared;
    }

    private Step handedOver(Urgency urgency, Step step, CompletableFuture<Void> sent, Kind kind) {
        if (step.isDone()) {
            return step;
        }
        try {
            sent.get(settings.handOverTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return step.done(clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(urgency, step, kind, "interrupted");
        } catch (ExecutionException e) {
            return failed(urgency, step, kind, e.getCause() == null ? e.toString() : e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return failed(urgency, step, kind, "no acknowledgement within " + settings.handOverTimeout());
        }
    }

    private Step failed(Urgency urgency, Step step, Kind kind, String reason) {
        count("numi.cyber.delivery.failures", "Messages for the person that could not be handed to delivery, or that intake could not deliver", "kind", kind.name());
        log.error("cyber urgency message not handed to delivery ticket={} kind={} reason={}", urgency.ticketId(), kind, reason);
        return step.failed(clock.instant(), reason);
    }

    private void page(Urgency urgency) {
        if (urgency.page().status() != PageStatus.PENDING) {
            return;
        }
        if (!pager.enabled()) {
            store.savePage(urgency.ticketId(), new Page(PageStatus.DISABLED, 0, clock.instant(), null));
            return;
        }
        Instant now = clock.instant();
        if (!store.claimPage(urgency.ticketId(), now, now.plus(settings.pageGrace()))) {
            // Another instance (or this one, earlier) is sending it: one page per urgency.
            return;
        }
        pager.page(urgency, playbook.label(urgency.incidentType())).whenCompleteAsync((outcome, error) -> {
            Pager.Outcome result = error == null ? outcome : new Pager.Outcome(false, 0, error.toString());
            if (!result.sent()) {
                count("numi.cyber.page.failures", "Level-3 pages that could not be sent");
                log.error("level 3 NOT paged ticket={} attempts={} reason={}", urgency.ticketId(), result.attempts(), result.error());
            }
            try {
                store.savePage(urgency.ticketId(), new Page(result.sent() ? PageStatus.SENT : PageStatus.FAILED, result.attempts(),
                        clock.instant(), result.error()));
            } catch (RuntimeException e) {
                log.error("could not record the page of ticket={}: {}", urgency.ticketId(), e.toString());
            }
        });
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(meters).increment();
    }
}
