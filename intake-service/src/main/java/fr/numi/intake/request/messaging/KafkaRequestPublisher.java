package fr.numi.intake.request.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.intake.request.application.ReceivedRequest;
import fr.numi.intake.request.application.RequestPublisher;
import fr.numi.intake.request.domain.IncomingRequest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes {@code RequestReceived} in CloudEvents binary mode ({@link EventWriter}) with the idempotent, {@code acks=all}
 * producer of numi-defaults.yml; the returned Mono completes when the broker acknowledged.
 */
@Component
class KafkaRequestPublisher implements RequestPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaRequestPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public Mono<Void> publish(ReceivedRequest received) {
        IncomingRequest request = received.request();
        RequestReceived event = new RequestReceived(
                received.requestId(),
                received.ticketId(),
                received.trackingTokenHash(),
                received.customerId(),
                request.channel().name(),
                new RequestReceived.ContactBody(request.contact().kind().name(), request.contact().value()),
                request.name(),
                request.subject(),
                request.text(),
                request.redButton(),
                received.receivedAt(),
                java.util.stream.IntStream.range(0, request.attachments().size())
                        .mapToObj(i -> {
                            var a = request.attachments().get(i);
                            return new RequestReceived.AttachmentBody(received.attachmentId(i), a.type(), a.mediaId(), a.mimeType(), a.sha256(),
                                    a.filename(), a.url());
                        })
                        .toList(),
                request.contactProven(),
                request.reachableBy().stream().map(Enum::name).toList(),
                request.inReplyTo(),
                request.answeredBy());
        // send() may block on metadata while the broker is away: keep it off the event loop.
        Mono<Void> requestReceived = Mono.defer(() -> Mono.fromFuture(kafka.send(events.record(
                                RequestReceived.TOPIC,
                                received.customerId(),
                                received.requestId(),
                                RequestReceived.TYPE,
                                received.ticketId(),
                                received.receivedAt(),
                                event))))
                .then();
        if (!request.redButton()) {
            return requestReceived.subscribeOn(Schedulers.boundedElastic());
        }
        // The red button also goes on its own topic, sent first: urgency-service reads it there without
        // waiting behind the ordinary requests queued on the intake topic's partitions.
        Mono<Void> redButton = Mono.defer(() -> Mono.fromFuture(kafka.send(events.record(
                                RequestReceived.RED_BUTTON_TOPIC,
                                received.customerId(),
                                received.requestId() + ":red-button",
                                RequestReceived.RED_BUTTON_TYPE,
                                received.ticketId(),
                                received.receivedAt(),
                                event))))
                .then();
        return Mono.when(redButton, requestReceived).subscribeOn(Schedulers.boundedElastic());
    }
}
