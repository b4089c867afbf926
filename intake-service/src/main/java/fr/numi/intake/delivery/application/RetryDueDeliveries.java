package fr.numi.intake.delivery.application;

import fr.numi.intake.config.DeliveryProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable half of outbound delivery (ADR 8): every {@code numi.intake.delivery.retry.poll-every}, each instance
 * claims, one at a time with a lease ({@link DeliveryLog#claimNextDue}: one atomic find-and-modify, so two instances
 * never take the same message), the messages whose retry is due and the attempts whose owner stopped before recording
 * an outcome, and sends them again ({@link DeliverNotification#resend}); then it publishes the outcomes nobody published
 * in time ({@link DeliveryLog#claimNextUnpublished}). A message is claimed just before it is sent, so a lease never runs
 * while the message waits behind others.
 */
@Service
public class RetryDueDeliveries {

    private static final Logger log = LoggerFactory.getLogger(RetryDueDeliveries.class);
    /** Messages one instance sends at once from its due list (the provider guards' bulkheads allow 10). */
    static final int CONCURRENCY = 4;

    private final DeliverNotification deliver;
    private final DeliveryLog deliveries;
    private final DeliveryProperties.Retry settings;
    private final Clock clock;
    private final String owner;

    @Autowired
    public RetryDueDeliveries(DeliverNotification deliver, DeliveryLog deliveries, DeliveryProperties properties, Clock clock) {
        this(deliver, deliveries, properties, clock, "intake-" + UUID.randomUUID());
    }

    /** @param owner this instance's name in the leases it takes */
    public RetryDueDeliveries(DeliverNotification deliver, DeliveryLog deliveries, DeliveryProperties properties, Clock clock, String owner) {
        this.deliver = deliver;
        this.deliveries = deliveries;
        this.settings = properties.retry();
        this.clock = clock;
        this.owner = owner;
    }

    /** Sends what is due and publishes what was left unpublished, up to {@code batch} of each; returns how many. */
    public int runDue() {
        AtomicBoolean drained = new AtomicBoolean();
        long sent = Flux.range(0, settings.batch())
                .flatMap(i -> drained.get() ? Mono.<Boolean>empty() : Mono.defer(() -> {
                    Instant now = clock.instant();
                    return deliveries.claimNextDue(owner, now, now.plus(settings.lease()));
                }).flatMap(attempt -> deliver.resend(attempt, owner)
                                .onErrorResume(e -> {
                                    // MongoDB or the broker away: the lease runs out and the message is claimed again.
                                    log.warn("delivery retry failed notification={} cause={}", attempt.notification().notificationId(),
                                            e.getClass().getSimpleName());
                                    return Mono.empty();
                                })
                                .thenReturn(true))
                        .switchIfEmpty(Mono.<Boolean>fromRunnable(() -> drained.set(true))), CONCURRENCY)
                .count()
                .blockOptional(settings.lease().multipliedBy(settings.batch()))
                .orElse(0L);
        long published = Flux.range(0, settings.batch())
                .concatMap(i -> Mono.defer(() -> {
                    Instant now = clock.instant();
                    return deliveries.claimNextUnpublished(now, now.plus(settings.lease()));
                }).flatMap(entry -> deliver.publishSettled(entry).thenReturn(true)).defaultIfEmpty(false))
                .takeWhile(Boolean::booleanValue)
                .count()
                .blockOptional(settings.lease())
                .orElse(0L);
        return (int) (sent + published);
    }

    @Scheduled(initialDelayString = "${numi.intake.delivery.retry.poll-every:5s}", fixedDelayString = "${numi.intake.delivery.retry.poll-every:5s}")
    void scheduled() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("delivery retries failed cause={}", e.toString());
        }
    }
}
