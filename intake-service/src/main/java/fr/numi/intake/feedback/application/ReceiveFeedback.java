package fr.numi.intake.feedback.application;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.BrokerUnavailableException;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.IdempotencyConflictException;
import fr.numi.intake.request.application.InboundLedger;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: a person rates the help they got (1 to 5), from the web rating form (ticket reference +
 * tracking token) or from the survey's WhatsApp buttons. One rating per ticket: the ledger entry
 * {@code feedback:<ticketId>} makes a repeat a no-op and a different second rating a conflict.
 */
@Service
public class ReceiveFeedback {

    private static final Logger log = LoggerFactory.getLogger(ReceiveFeedback.class);

    private final PublishedTickets tickets;
    private final InboundLedger ledger;
    private final FeedbackPublisher publisher;
    private final ContactDirectory directory;
    private final GatewayMetrics metrics;
    private final IntakeProperties properties;
    private final Clock clock;

    public ReceiveFeedback(PublishedTickets tickets, InboundLedger ledger, FeedbackPublisher publisher, ContactDirectory directory,
            GatewayMetrics metrics, IntakeProperties properties, Clock clock) {
        this.tickets = tickets;
        this.ledger = ledger;
        this.publisher = publisher;
        this.directory = directory;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The web rating form. Errors with {@link UnknownTicketException} when the ticket is unknown or the token
     * is not its own, {@link IdempotencyConflictException} when the ticket was already rated differently.
     *
     * @return true when this rating had already been received (the answer is the same)
     */
    public Mono<Boolean> fromWeb(String ticketId, String trackingToken, int rating, String comment) {
        byte[] given = Digests.sha256Hex(trackingToken).getBytes(StandardCharsets.US_ASCII);
        return tickets.find(ticketId)
                .filter(t -> t.trackingTokenHash() != null
                        && MessageDigest.isEqual(t.trackingTokenHash().getBytes(StandardCharsets.US_ASCII), given))
                .switchIfEmpty(Mono.defer(() -> {
                    metrics.rejected("feedback", "unknown-ticket");
                    return Mono.error(new UnknownTicketException());
                }))
                .flatMap(t -> once(new FeedbackReceived("web-feedback-" + ticketId, ticketId, t.customerId(), "WEB", rating, comment,
                        clock.instant())));
    }

    /**
     * A survey button pressed on WhatsApp: taken only from the person the ticket belongs to; a second,
     * different rating is ignored (the webhook answers 200 whatever happens).
     */
    public Mono<Void> fromWhatsApp(String ticketId, int rating, String senderCustomerId) {
        return directory.touchWhatsApp(senderCustomerId, clock.instant()).onErrorResume(e -> Mono.empty())
                .then(fromSender("WHATSAPP", ticketId, rating, null, senderCustomerId));
    }

    /**
     * A rating the person typed back (an SMS "4 très bien", a WhatsApp text) after a survey was sent to
     * them: taken only from the person the ticket belongs to, once per ticket.
     */
    public Mono<Void> fromSender(String channel, String ticketId, int rating, String comment, String senderCustomerId) {
        String source = channel.toLowerCase(java.util.Locale.ROOT);
        return tickets.find(ticketId)
                .filter(t -> senderCustomerId.equals(t.customerId()))
                .switchIfEmpty(Mono.defer(() -> {
                    metrics.ignored(source, "survey-not-theirs");
                    return Mono.empty();
                }))
                .flatMap(t -> once(new FeedbackReceived(("WHATSAPP".equals(channel) ? "wa" : source) + "-feedback-" + ticketId, ticketId, t.customerId(), channel, rating,
                        comment == null ? null : comment.length() > 2000 ? comment.substring(0, 2000) : comment, clock.instant())))
                .onErrorResume(IdempotencyConflictException.class, e -> {
                    metrics.ignored(source, "already-rated");
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Boolean> once(FeedbackReceived feedback) {
        String id = "feedback:" + feedback.ticketId();
        String fingerprint = Digests.sha256Hex(feedback.rating() + "\u0000" + (feedback.comment() == null ? "" : feedback.comment()));
        return ledger.claim(id, fingerprint, clock.instant())
                .timeout(properties.publishTimeout())
                .onErrorMap(e -> !(e instanceof BrokerUnavailableException), e -> new BrokerUnavailableException("ledger unavailable: " + e, e))
                .flatMap(entry -> {
                    if (!entry.fingerprint().equals(fingerprint)) {
                        metrics.rejected("feedback", "already-rated");
                        return Mono.error(new IdempotencyConflictException("ticket already rated"));
                    }
                    if (entry.published()) {
                        metrics.duplicate("feedback");
                        return Mono.just(true);
                    }
                    return publisher.publish(feedback)
                            .timeout(properties.publishTimeout())
                            .onErrorMap(e -> !(e instanceof BrokerUnavailableException),
                                    e -> new BrokerUnavailableException("broker did not acknowledge the feedback", e))
                            .then(ledger.markPublished(id, clock.instant()).timeout(Duration.ofSeconds(2)).onErrorResume(e -> Mono.empty()))
                            .doOnSuccess(v -> log.info("feedback received ticket={} channel={} rating={}", feedback.ticketId(),
                                    feedback.channel(), feedback.rating()))
                            .thenReturn(false);
                });
    }
}
