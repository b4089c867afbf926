package fr.numi.intake.delivery.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.DeliveryStatusPublisher;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes delivery outcomes (key: ticket id, ce_id: {@code <notificationId>:<outcome>}); completes on the broker's ack. */
@Component
class KafkaDeliveryStatusPublisher implements DeliveryStatusPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaDeliveryStatusPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public Mono<Void> publish(DeliveryStatus s) {
        String reason = s.reason() == null ? null : s.reason().length() > 500 ? s.reason().substring(0, 500) : s.reason();
        DeliveryStatusEvent body = new DeliveryStatusEvent(s.statusId(), s.notificationId(), s.ticketId(), s.customerId(),
                s.channel(), s.kind(), s.outcome().name(), s.via() == null ? null : s.via().name(), s.providerMessageId(), reason, s.at());
        return Mono.defer(() -> Mono.fromFuture(kafka.send(events.record(
                        DeliveryStatusEvent.TOPIC, s.ticketId(), s.statusId(), DeliveryStatusEvent.TYPE, s.ticketId(), s.at(), body))))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
