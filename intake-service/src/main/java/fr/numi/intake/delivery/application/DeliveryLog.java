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
 * <p>
 * An attempt is recorded before the provider is called: the entry is taken (state SENDING) by one owner until a lease
 * ends, then settled (the outcome), or put back for a retry when due (state RETRY, with the message to send, its
 * deadline and the last reason). Every instance claims due entries atomically, so one message is in one instance's hands
 * at a time (ADR 8).
 */
public interface DeliveryLog {

    /**
     * Creates the entry if new, already taken by {@code owner} as {@link #acquire} takes one: one round trip for a
     * message seen for the first time, the usual case. An existing entry is returned as stored and not taken (a settled,
     * published outcome means: already done); the caller looks at it, then acquires it.
     *
     * @param retryable whether a transient failure is retried later (false: the verification codes, asked for anew)
     */
    Mono<Claim> claim(Notification notification, boolean proofRequired, boolean retryable, String owner, Instant now,
            Instant leaseUntil);

    /**
     * Takes the entry to send it now, recording the message (so that any instance can send it again), the owner and
     * the lease, before any provider is called. Empty when it may not be taken: settled meanwhile, in the hands of
     * another owner whose lease runs, or waiting for a retry not yet due.
     *
     * @param retryable whether a transient failure is retried later (false: the verification codes, asked for anew)
     */
    Mono<Attempt> acquire(Notification notification, boolean proofRequired, boolean retryable, String owner, Instant now,
            Instant leaseUntil);

    /**
     * Claims one entry whose retry is due, or whose owner's lease ran out before an outcome was recorded (outcome
     * unknown), for this owner until {@code leaseUntil}: one atomic find-and-modify. Empty when none is due.
     */
    Mono<Attempt> claimNextDue(String owner, Instant now, Instant leaseUntil);

    /**
     * Puts the entry back for a retry at {@code retryAt} (lease given back), if this owner still holds it.
     *
     * @param failures transient failures in this retry window, this one included
     * @param retryUntil the window's deadline
     * @param reason the provider's answer (status, error code; never personal data)
     * @return false when the owner no longer held it
     */
    Mono<Boolean> retryLater(String notificationId, String owner, int failures, Instant retryAt, Instant retryUntil, String reason);

    /**
     * Records the outcome (not yet published) and forgets the message to send; an outbox entry also keeps the message it
     * would have sent. Until {@code publishBy} the settling instance publishes it; past it, any instance does
     * ({@link #claimNextUnpublished}).
     *
     * @param possibleDuplicate an earlier attempt's outcome was unknown (its instance stopped mid-send) and the message
     *     was sent again
     */
    Mono<Void> settle(String notificationId, DeliveryStatus status, OutgoingMessage kept, boolean possibleDuplicate, Instant publishBy);

    /** Claims one settled entry whose event nobody published by its deadline, until {@code leaseUntil}. */
    Mono<Entry> claimNextUnpublished(Instant now, Instant leaseUntil);

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

    /** An entry as stored, and the attempt this claim started when it created the entry ({@code taken}, else null). */
    record Claim(Entry entry, Attempt taken) {}

    /** @param outcome null while the delivery is under way */
    record Entry(String notificationId, String ticketId, String customerId, String kind, Outcome outcome, boolean published,
            DeliveryStatus status) {}

    /**
     * One attempt at sending a notification, in one owner's hands until its lease ends.
     *
     * @param attempt attempts so far, this one included
     * @param failures transient failures so far in the current retry window (0: none)
     * @param retryUntil the current retry window's deadline (null before the first failure)
     * @param outcomeUnknown the previous attempt was left SENDING by an owner whose lease ran out: the provider may have
     *     taken the message
     * @param capTaken the message was already counted against the contact's hourly cap
     */
    record Attempt(Notification notification, boolean proofRequired, int attempt, int failures, Instant retryUntil,
            boolean outcomeUnknown, boolean capTaken) {}

    record OutboxEntry(String notificationId, String ticketId, String kind, Via via, String to, String text, Instant at) {}
}
