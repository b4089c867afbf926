package fr.numi.intake.delivery.application;

import reactor.core.publisher.Mono;

/** Port: a provider that sends messages (WhatsApp Cloud API, Twilio Messages API). */
public interface MessageSender {

    /** False when no credentials are configured: the message goes to the outbox instead. */
    boolean configured();

    /**
     * Sends one message, guarded (time limit, bulkhead, circuit breaker, retry with back-off).
     *
     * @return the provider's message id; errors with {@link ProviderException} once it failed for good
     */
    Mono<String> send(OutgoingMessage message);
}
