package fr.numi.urgency.emergency.application;

import java.util.concurrent.CompletableFuture;

/** What urgency-service publishes. */
public interface UrgencyEvents {

    /** Hands a message to delivery; completes when the broker acknowledged it. */
    CompletableFuture<Void> requestNotification(NotificationRequest request);

    /** Publishes {@code urgency.cyber-urgency-declared.v1}; returns once acknowledged, throws {@link PublicationFailedException} otherwise. */
    void publishDeclared(Declaration declaration);
}
