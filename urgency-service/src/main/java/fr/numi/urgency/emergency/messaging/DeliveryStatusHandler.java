package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import fr.numi.urgency.emergency.application.DeliveryOutcomes.StatusReported;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.DeliveryOutcome;
import fr.numi.urgency.emergency.domain.DeliveryReport.Status;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code deliveryStatus} function bound to {@code intake.delivery-status.v1} (group
 * {@code urgency-service}): what became of the instructions and the orientation. Statuses of other kinds
 * (ticket replies, surveys) are skipped without touching the database. A status is applied once: it is known by its
 * event key ({@code ce_source} + {@code ce_id}, docs/events.md). Whatever it throws makes the binder retry, then
 * dead-letter to {@code intake.delivery-status.v1.urgency-service.dlq}.
 */
@Component("deliveryStatus")
class DeliveryStatusHandler implements Consumer<Message<byte[]>> {

    private static final Set<String> CYBER_KINDS = Set.of(Kind.CYBER_INSTRUCTIONS.name(), Kind.CYBER_ORIENTATION.name());

    private final EventReader events;
    private final DeliveryOutcomes outcomes;

    DeliveryStatusHandler(EventReader events, DeliveryOutcomes outcomes) {
        this.events = events;
        this.outcomes = outcomes;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ReceivedEvent<DeliveryStatus> received = events.read(message, DeliveryStatus.INCOMING);
        DeliveryStatus event = received.body();
        if (!CYBER_KINDS.contains(event.kind())) {
            return;
        }
        DeliveryOutcome outcome;
        try {
            outcome = DeliveryOutcome.valueOf(event.outcome());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(DeliveryStatus.INCOMING.topic() + " record with an invalid outcome", e);
        }
        outcomes.statusReported(new StatusReported(event.notificationId(), event.ticketId(), Kind.valueOf(event.kind()),
                new Status(received.key().value(), outcome, event.reason(), event.at())));
    }
}
