package fr.numi.intake.request.application;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.TicketIds;
import java.time.Clock;
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
    private final TicketIds ids;
    private final IntakeProperties properties;
    private final Clock clock;

    public SubmitRequest(RequestPublisher publisher, TicketIds ids, IntakeProperties properties, Clock clock) {
        this.publisher = publisher;
        this.ids = ids;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<SubmissionReceipt> submit(IncomingRequest request) {
        String requestId = request.channel().name().toLowerCase() + "-" + UUID.randomUUID();
        String ticketId = ids.newTicketId();
        String token = ids.newTrackingToken();
        ReceivedRequest received = new ReceivedRequest(
                requestId,
                ticketId,
                Digests.sha256Hex(token),
                Digests.customerId(properties.customerIdSecret(), request.contact()),
                request,
                clock.instant());
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
                .thenReturn(new SubmissionReceipt(ticketId, token, requestId));
    }
}
