package fr.numi.intake.request.application;

import reactor.core.publisher.Mono;

/** Port: makes a received request durable on the event log. Completes only after the broker's ack. */
public interface RequestPublisher {

    Mono<Void> publish(ReceivedRequest request);
}
