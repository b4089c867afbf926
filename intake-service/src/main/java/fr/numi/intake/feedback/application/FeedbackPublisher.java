package fr.numi.intake.feedback.application;

import reactor.core.publisher.Mono;

/** Port: publishes a rating; completes once the broker acknowledged. */
public interface FeedbackPublisher {

    Mono<Void> publish(FeedbackReceived feedback);
}
