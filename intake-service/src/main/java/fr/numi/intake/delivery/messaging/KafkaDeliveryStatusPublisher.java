package fr.numi.intake.delivery.messaging;

import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.DeliveryStatusPublisher;
import fr.numi.intake.request.messaging.CloudEventRecords;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/** Publishes delivery outcomes (key: ticket id, ce_id: {@code <notificationId>:<outcome>}); completes on the broker's ack. */
@Component
class KafkaDeliveryStatusPublisher implements DeliveryStatusPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    KafkaDeliveryStatusPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public Mono<Void> publish(DeliveryStatus s) {
        String reason = s.reason() == null ? null : s.reason().length() > 500 ? s.reason().substring(0, 500) : s.reason();
        byte[] body = json.writeValueAsBytes(new DeliveryStatusEvent(s.statusId(), s.notificationId(), s.ticketId(), s.customerId(),
                s.channel(), s.kind(), s.outcome().name(), s.via() == null ? null : s.via().name(), s.providerMessageId(), reason, s.at()));
        return Mono.defer(() -> Mono.fromFuture(kafka.send(CloudEventRecords.record(
                        DeliveryStatusEvent.TOPIC, s.ticketId(), s.statusId(), DeliveryStatusEvent.TYPE, s.ticketId(), s.at(), body))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
