package fr.numi.intake.request.application;

import fr.numi.intake.attachment.application.KeepAttachments;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Use case: take a person's request. It is accepted only once the {@code RequestReceived} event is
 * acknowledged by the broker; otherwise nothing is promised to the person.
 */
@Service
public class SubmitRequest {

    private static final Logger log = LoggerFactory.getLogger(SubmitRequest.class);

    /** How long a write deferred because MongoDB was away is tried again ({@link #remembered}). */
    static final Duration DEFERRED_WRITES_FOR = Duration.ofMinutes(15);

    private final RequestPublisher publisher;
    private final InboundLedger ledger;
    private final ContactDirectory directory;
    private final PublishedTickets tickets;
    private final TicketReferences references;
    private final KeepAttachments attachments;
    private final IntakeProperties properties;
    private final Clock clock;

    public SubmitRequest(
            RequestPublisher publisher,
            InboundLedger ledger,
            ContactDirectory directory,
            PublishedTickets tickets,
            TicketReferences references,
            KeepAttachments attachments,
            IntakeProperties properties,
            Clock clock) {
        this.attachments = attachments;
        this.publisher = publisher;
        this.ledger = ledger;
        this.directory = directory;
        this.tickets = tickets;
        this.references = references;
        this.properties = properties;
        this.clock = clock;
    }

    /** A request with no id of its own from the gateway (a web form without Idempotency-Key). */
    public Mono<SubmissionReceipt> submit(IncomingRequest request) {
        String requestId = request.channel().name().toLowerCase() + "-" + UUID.randomUUID();
        // The token is derived from the request id like every other one, so that intake can give the
        // link again later (in the first message on the person's channel) without storing it.
        String token = DerivedIds.trackingToken(properties.customerIdSecret(), requestId);
        return reserved(references.random(requestId)).flatMap(ticketId -> publish(requestId, ticketId, token, request));
    }

    /** The reference reserved before anything is published under it; MongoDB away: nothing is promised (503). */
    private Mono<String> reserved(Mono<String> reference) {
        return reference.timeout(properties.publishTimeout())
                .onErrorMap(e -> !(e instanceof BrokerUnavailableException),
                        e -> new BrokerUnavailableException("ticket reference not reserved: " + e, e));
    }

    /**
     * A request whose id comes from the gateway ({@code wa:<wamid>}, {@code twilio:<CallSid>},
     * {@code web:<gateway>:<Idempotency-Key>}). The first delivery is published; a retry of it gets
     * the same receipt and publishes nothing; the same id with another fingerprint is a conflict.
     * Ticket id and token are derived from the id, so even a retry racing the first delivery
     * produces the very same event (consumers de-duplicate on {@code ce_id}); a reference another request
     * holds moves every delivery of this one to the same next derived reference ({@link TicketReferences}).
     */
    public Mono<Submission> submitOnce(String requestId, String fingerprint, IncomingRequest request) {
        return submitOnce(requestId, fingerprint, request, request.redButton());
    }

    /**
     * The same, for a gateway that will not send the request again: a phone call's steps (Twilio does not retry a
     * voice callback, and the caller is on the line now). With MongoDB away it is still published ({@link #withoutDatabase}).
     */
    public Mono<Submission> submitOnceEvenWithoutDatabase(String requestId, String fingerprint, IncomingRequest request) {
        return submitOnce(requestId, fingerprint, request, true);
    }

    /**
     * @param evenWithoutDatabase publish even if the ledger cannot be read or written: a red button (whatever the
     *     channel) or a gateway that will not retry; otherwise nothing is promised without it (503, and the gateway
     *     sends it again)
     */
    private Mono<Submission> submitOnce(String requestId, String fingerprint, IncomingRequest request, boolean evenWithoutDatabase) {
        String token = DerivedIds.trackingToken(properties.customerIdSecret(), requestId);
        Mono<InboundLedger.Entry> claimed = ledger.claim(requestId, fingerprint, clock.instant()).timeout(properties.publishTimeout());
        if (evenWithoutDatabase) {
            return claimed.materialize().flatMap(signal -> signal.isOnError()
                    ? withoutDatabase(requestId, token, request, signal.getThrowable())
                    : signal.hasValue() ? submitOnce(requestId, signal.get(), fingerprint, token, request, true) : Mono.empty());
        }
        return claimed
                .onErrorMap(e -> !(e instanceof BrokerUnavailableException), e -> new BrokerUnavailableException("ledger unavailable: " + e, e))
                .flatMap(entry -> submitOnce(requestId, entry, fingerprint, token, request, false));
    }

    private Mono<Submission> submitOnce(String requestId, InboundLedger.Entry entry, String fingerprint, String token,
            IncomingRequest request, boolean evenWithoutDatabase) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return Mono.error(new IdempotencyConflictException("request id reused with another body"));
        }
        Mono<String> reference = reserved(references.derived(requestId));
        if (evenWithoutDatabase) {
            // MongoDB went away between the ledger and the reference: the first derived reference, as below.
            reference = reference.onErrorResume(e -> !(e.getCause() instanceof IllegalStateException), e -> {
                log.warn("ticket reference not reserved, published with the first derived one cause={}", e.getCause() == null ? e : e.getCause());
                return Mono.just(DerivedIds.ticketId(properties.customerIdSecret(), requestId, 0));
            });
        }
        return reference.flatMap(ticketId -> submitOnce(entry, new SubmissionReceipt(ticketId, token, requestId), request));
    }

    /**
     * MongoDB unavailable (the ledger could not be read or written, or its circuit breaker is open) for a request that
     * must not wait: published anyway, Kafka first, with what can be derived without the database. Skipped: the ledger
     * entry (a later delivery of the same request id publishes the same event again, same {@code ce_id}, which every
     * consumer drops), the reservation of the ticket reference (the first one derived from the request id is used:
     * another request holding it is a 2^-40 chance per request), the attachments' fetch jobs (their ids are left out; the
     * provider's URL stays in the event). Deferred: the contact directory and the published ticket, written once MongoDB
     * answers again ({@link #remembered}).
     */
    private Mono<Submission> withoutDatabase(String requestId, String token, IncomingRequest request, Throwable cause) {
        String ticketId = DerivedIds.ticketId(properties.customerIdSecret(), requestId, 0);
        String customerId = Digests.customerId(properties.customerIdSecret(), request.contact());
        log.warn("ledger unavailable, request published without it ticket={} channel={} redButton={} cause={}", ticketId,
                request.channel(), request.redButton(), cause.toString());
        List<String> noAttachmentIds = new ArrayList<>(Collections.nCopies(request.attachments().size(), (String) null));
        return publish(new ReceivedRequest(requestId, ticketId, Digests.sha256Hex(token), customerId, request, clock.instant(), noAttachmentIds),
                        token)
                .map(receipt -> new Submission(receipt, false));
    }

    private Mono<Submission> submitOnce(InboundLedger.Entry entry, SubmissionReceipt receipt, IncomingRequest request) {
        String requestId = receipt.requestId();
        if (entry.published()) {
            log.info("duplicate delivery absorbed ticket={} channel={}", receipt.ticketId(), request.channel());
            return Mono.just(new Submission(receipt, true));
        }
        return publish(requestId, receipt.ticketId(), receipt.trackingToken(), request)
                .flatMap(published -> ledger.markPublished(requestId, clock.instant())
                        .timeout(Duration.ofSeconds(2))
                        // The event is in Kafka: a failure here only means a retry republishes the same event.
                        .onErrorResume(e -> {
                            log.warn("ledger not updated ticket={} cause={}", receipt.ticketId(), e.toString());
                            return Mono.empty();
                        })
                        .thenReturn(new Submission(published, false)));
    }

    private Mono<SubmissionReceipt> publish(String requestId, String ticketId, String token, IncomingRequest request) {
        String customerId = Digests.customerId(properties.customerIdSecret(), request.contact());
        // The attachments' fetch jobs are written before the request: none is ever announced and then forgotten.
        return attachments.register(requestId, ticketId, customerId, request.channel().name(), request.attachments())
                .timeout(properties.publishTimeout())
                .onErrorMap(e -> !(e instanceof BrokerUnavailableException), e -> new BrokerUnavailableException("attachments not registered: " + e, e))
                .flatMap(ids -> publish(new ReceivedRequest(requestId, ticketId, Digests.sha256Hex(token), customerId, request,
                        clock.instant(), ids), token));
    }

    private Mono<SubmissionReceipt> publish(ReceivedRequest received, String token) {
        String requestId = received.requestId();
        String ticketId = received.ticketId();
        IncomingRequest request = received.request();
        return publisher.publish(received)
                .timeout(properties.publishTimeout())
                .onErrorMap(
                        e -> !(e instanceof BrokerUnavailableException),
                        e -> new BrokerUnavailableException(
                                e instanceof TimeoutException ? "broker did not acknowledge in time" : e.getMessage(), e))
                .doOnSuccess(ignored -> log.info(
                        "request accepted ticket={} customer={} channel={} redButton={}",
                        ticketId, received.customerId(), request.channel(), request.redButton()))
                .doOnError(e -> log.warn("request refused, broker unavailable ticket={} cause={}", ticketId, e.toString()))
                .then(Mono.when(
                        remembered(() -> directory.remember(received.customerId(), request.contact(), request.channel(),
                                        request.contactProven(), received.receivedAt()),
                                "contact directory not updated customer=" + received.customerId()),
                        remembered(() -> tickets.remember(new PublishedTickets.Ticket(ticketId, received.trackingTokenHash(),
                                        received.customerId(), request.channel().name(), requestId, request.contact(), request.contactProven())),
                                "published ticket not recorded ticket=" + ticketId)))
                .thenReturn(new SubmissionReceipt(ticketId, token, requestId));
    }

    /**
     * A write that follows the publication: the answer waits for it at most 2 s. If it fails (MongoDB away), it is tried
     * again in the background, every second, for {@link #DEFERRED_WRITES_FOR}: delivering to the person (the directory)
     * and checking what they send with their tracking token (the published ticket) need it once MongoDB is back. Kept in
     * this instance's memory only: a restart meanwhile loses it (logged at WARN, by ticket or customer id).
     */
    private Mono<Void> remembered(Supplier<Mono<Void>> write, String what) {
        return Mono.defer(write).timeout(Duration.ofSeconds(2)).onErrorResume(e -> {
            log.warn("{}, tried again in the background cause={}", what, e.toString());
            Mono.defer(write)
                    .timeout(Duration.ofSeconds(2))
                    .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(1)))
                    .timeout(DEFERRED_WRITES_FOR)
                    .subscribe(
                            ignored -> {},
                            failure -> log.warn("{}, given up after {} cause={}", what, DEFERRED_WRITES_FOR, failure.toString()),
                            () -> log.info("{}: written once MongoDB answered again", what.replace(" not ", " ")));
            return Mono.empty();
        });
    }
}
