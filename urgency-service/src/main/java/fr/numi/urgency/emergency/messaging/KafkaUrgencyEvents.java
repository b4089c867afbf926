package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.urgency.emergency.application.Declaration;
import fr.numi.urgency.emergency.application.NotificationRequest;
import fr.numi.urgency.emergency.application.PublicationFailedException;
import fr.numi.urgency.emergency.application.UrgencyEvents;
import fr.numi.urgency.emergency.domain.OfficialService;
import fr.numi.urgency.emergency.domain.OrientationStep;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes urgency-service's events, key = ticket id, CloudEvents binary mode ({@link EventWriter}): messages for the person
 * on {@code urgency.notification-requested.v1} (delivered by intake on the person's channel) and the
 * urgency on {@code urgency.cyber-urgency-declared.v1} (read by ticket-service).
 */
@Component
class KafkaUrgencyEvents implements UrgencyEvents {

    static final String DECLARED_TOPIC = "urgency.cyber-urgency-declared.v1";
    static final String NOTIFICATION_TOPIC = "urgency.notification-requested.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaUrgencyEvents(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public CompletableFuture<Void> requestNotification(NotificationRequest n) {
        NotificationRequested body = new NotificationRequested(n.notificationId(), n.ticketId(), n.customerId(), n.channel().name(),
                n.kind().name(), n.text(), n.requestedAt());
        ProducerRecord<String, byte[]> record = events.record(NOTIFICATION_TOPIC, n.ticketId(), n.notificationId(),
                "fr.numi.urgency.notification-requested.v1", n.ticketId(), n.requestedAt(), body);
        try {
            return kafka.send(record).thenApply(result -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void publishDeclared(Declaration d) {
        Urgency u = d.urgency();
        Instant at = u.revisedAt() != null && u.revision() > 1 ? u.revisedAt() : u.declaredAt();
        CyberUrgencyDeclared body = new CyberUrgencyDeclared(u.urgencyId(), u.ticketId(), u.customerId(), u.trigger().name(),
                u.incidentType().name(), u.declaredAt(), u.revision(), u.declaredBy(), u.revisedBy(), u.revisedAt(), d.incidentLabel(),
                u.incidentTypeSource().name(), u.triggeredAt(),
                new InstructionsPart(d.instructionsVersion(), d.instructions().title(), d.instructions().lines(), u.instructions().id(),
                        handOver(u.instructions())),
                new OrientationPart(d.orientationVersion(), d.orientation().steps().stream().map(KafkaUrgencyEvents::step).toList(),
                        u.orientation().id(), handOver(u.orientation())),
                u.channel().name());
        ProducerRecord<String, byte[]> record = events.record(DECLARED_TOPIC, u.ticketId(), u.declaration().id(),
                "fr.numi.urgency.cyber-urgency-declared.v1", u.ticketId(), at, body);
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailedException("interrupted while publishing " + u.declaration().id(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublicationFailedException("broker did not acknowledge " + u.declaration().id() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String handOver(Step step) {
        return switch (step.status()) {
            case DONE -> "HANDED_TO_DELIVERY";
            case FAILED -> "FAILED";
            case PENDING -> "PENDING";
        };
    }

    private static StepPart step(OrientationStep s) {
        OfficialService service = s.service();
        return new StepPart(s.order(), service.id(), service.name(), s.action(), service.phone(), service.url(), service.contact(),
                service.hours(), s.agentNote());
    }

    /** Body of {@code urgency.notification-requested.v1}: the shape of {@code ticket.notification-requested.v1}. */
    record NotificationRequested(
            String notificationId, String ticketId, String customerId, String channel, String kind, String text, Instant requestedAt) {}

    /** Body of {@code urgency.cyber-urgency-declared.v1}. */
    record CyberUrgencyDeclared(
            String urgencyId, String ticketId, String customerId, String trigger, String incidentType, Instant declaredAt, int revision,
            String declaredBy, String revisedBy, Instant revisedAt, String incidentLabel, String incidentTypeSource, Instant triggeredAt,
            InstructionsPart instructions, OrientationPart orientation, String channel) {}

    record InstructionsPart(String version, String title, List<String> lines, String notificationId, String delivery) {}

    record OrientationPart(String version, List<StepPart> steps, String notificationId, String delivery) {}

    record StepPart(
            int order, String serviceId, String service, String action, String phone, String url, String contact, String hours,
            String agentNote) {}
}
