package fr.numi.intake.delivery.application;

import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Via;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: one entry per notification id (collection {@code deliveries}), so that a redelivered request
 * is not sent twice and an outcome whose event was not yet published is published on the retry; it
 * also holds the outbox of the local run (messages kept instead of sent, readable over HTTP).
 */
public interface DeliveryLog {

    /** Creates the entry if new; returns it as stored (a settled, published outcome means: already done). */
    Mono<Entry> claim(Notification notification, Instant at);

    /** Records the outcome (not yet published); an outbox entry also keeps the message it would have sent. */
    Mono<Void> settle(String notificationId, DeliveryStatus status, OutgoingMessage kept);

    /** The outcome's event is in Kafka. */
    Mono<Void> markPublished(String notificationId);

    Mono<Entry> find(String notificationId);

    /**
     * The ticket of the latest satisfaction survey sent to this person since {@code since}, if any: a
     * "4" they text back rates it.
     */
    Mono<String> latestSurvey(String customerId, Instant since);

    /** The messages of a ticket kept in the outbox, oldest first. */
    Flux<OutboxEntry> outbox(String ticketId);

    /** @param outcome null while the delivery is under way */
    record Entry(String notificationId, String ticketId, String customerId, String kind, Outcome outcome, boolean published,
            DeliveryStatus status) {}

    record OutboxEntry(String notificationId, String ticketId, String kind, Via via, String to, String text, Instant at) {}
}
