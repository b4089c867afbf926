package fr.numi.intake.delivery.application;

import reactor.core.publisher.Mono;

/** Port: publishes delivery outcomes; completes once the broker acknowledged. */
public interface DeliveryStatusPublisher {

    Mono<Void> publish(DeliveryStatus status);
}
