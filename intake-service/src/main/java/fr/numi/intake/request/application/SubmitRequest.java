package fr.numi.intake.request.application;

import fr.numi.intake.attachment.application.KeepAttachments;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: take a person's request. It is accepted only once the {@code RequestReceived} event is
 * acknowledged by the broker; otherwise nothing is promised to the person.
 */
@Service
public class SubmitRequest {

    private static final Logger log = LoggerFactory.getLogger(SubmitRequest.class);

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
        String token = DerivedIds.trackingToken(properties.customerIdSecret(), requestId);
        return ledger.claim(requestId, fingerprint, clock.instant())
                .timeout(properties.publishTimeout())
                .onErrorMap(e -> !(e instanceof BrokerUnavailableException), e -> new BrokerUnavailableException("ledger unavailable: " + e, e))
                .flatMap(entry -> {
                    if (!entry.fingerprint().equals(fingerprint)) {
                        return Mono.error(new IdempotencyConflictException("request id reused with another body"));
                    }
                    return reserved(references.derived(requestId))
                            .flatMap(ticketId -> submitOnce(entry, new SubmissionReceipt(ticketId, token, requestId), request));
                });
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
                        directory.remember(received.customerId(), request.contact(), request.channel(), request.contactProven(),
                                        received.receivedAt())
                                .timeout(Duration.ofSeconds(2))
                                .onErrorResume(e -> {
                                    log.warn("contact directory not updated customer={} cause={}", received.customerId(), e.toString());
                                    return Mono.empty();
                                }),
                        tickets.remember(new PublishedTickets.Ticket(ticketId, received.trackingTokenHash(), received.customerId(),
                                        request.channel().name(), requestId, request.contact(), request.contactProven()))
                                .timeout(Duration.ofSeconds(2))
                                .onErrorResume(e -> {
                                    log.warn("published ticket not recorded ticket={} cause={}", ticketId, e.toString());
                                    return Mono.empty();
                                })))
                .thenReturn(new SubmissionReceipt(ticketId, token, requestId));
    }
}
