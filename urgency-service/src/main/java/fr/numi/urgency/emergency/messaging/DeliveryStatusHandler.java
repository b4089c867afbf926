package fr.numi.urgency.emergency.messaging;

import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import fr.numi.urgency.emergency.application.DeliveryOutcomes.StatusReported;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.DeliveryOutcome;
import fr.numi.urgency.emergency.domain.DeliveryReport.Status;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code deliveryStatus} function bound to {@code intake.delivery-status.v1} (group
 * {@code urgency-service}): what became of the instructions and the orientation. Statuses of other kinds
 * (ticket replies, surveys) are skipped without touching the database. Whatever it throws makes the
 * binder retry, then dead-letter to {@code intake.delivery-status.v1.urgency-service.dlq}.
 */
@Component("deliveryStatus")
class DeliveryStatusHandler implements Consumer<Message<byte[]>> {

    private static final Set<String> CYBER_KINDS = Set.of(Kind.CYBER_INSTRUCTIONS.name(), Kind.CYBER_ORIENTATION.name());

    private final JsonMapper json;
    private final DeliveryOutcomes outcomes;

    DeliveryStatusHandler(JsonMapper json, DeliveryOutcomes outcomes) {
        this.json = json;
        this.outcomes = outcomes;
    }

    @Override
    public void accept(Message<byte[]> message) {
        DeliveryStatus event = EventBodies.read(json, message.getPayload(), DeliveryStatus.class, DeliveryStatus.TOPIC);
        EventBodies.require(DeliveryStatus.TOPIC, "kind", event.kind());
        if (!CYBER_KINDS.contains(event.kind())) {
            return;
        }
        EventBodies.require(DeliveryStatus.TOPIC, "statusId", event.statusId(), "notificationId", event.notificationId(),
                "ticketId", event.ticketId(), "outcome", event.outcome());
        DeliveryOutcome outcome = EventBodies.enumValue(DeliveryStatus.TOPIC, "outcome", DeliveryOutcome.class, event.outcome());
        outcomes.statusReported(new StatusReported(event.notificationId(), event.ticketId(), Kind.valueOf(event.kind()),
                new Status(event.statusId(), outcome, event.reason(), event.at())));
    }
}
