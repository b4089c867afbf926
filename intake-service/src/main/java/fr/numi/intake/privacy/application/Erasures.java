package fr.numi.intake.privacy.application;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.config.PrivacyProperties;
import fr.numi.intake.privacy.domain.Erasure;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.InvalidContactException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erasure of a person (issue 14, ADR 11). A request is saved first, then announced: the person's key is deleted (every
 * sealed copy of their data in Kafka becomes unreadable) and {@code intake.erasure-requested.v1} is written; every
 * service that keeps data at rest erases its part and answers on its {@code <service>.erasure-completed.v1}. A crash or
 * an unavailable broker or key store between the save and the announcement leaves the erasure unannounced: any
 * instance's relay announces it within {@code relay-after}, under a lease.
 *
 * <p>A person is named by a contact or a customer id; an unknown one gets an erasure like anybody (every service answers
 * with nothing erased), so the answer tells nobody who is a customer. A second request for the same person returns the
 * erasure under way, or the completed one if the person has not written since (they have no key): nothing to erase twice.
 */
@Service
public class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    private final ErasureStore store;
    private final ErasureAnnouncer announcer;
    private final IntakePersonalData data;
    private final CustomerKeys keys;
    private final PrivacyProperties settings;
    private final String customerIdSecret;
    private final Clock clock;
    private final String owner = "intake-" + UUID.randomUUID();

    public Erasures(ErasureStore store, ErasureAnnouncer announcer, IntakePersonalData data, CustomerKeys keys, PrivacyProperties settings,
            IntakeProperties intake, Clock clock) {
        this.store = store;
        this.announcer = announcer;
        this.data = data;
        this.keys = keys;
        this.settings = settings;
        this.customerIdSecret = intake.customerIdSecret();
        this.clock = clock;
    }

    /** The pseudonymous customer id of a contact, as intake gave it to the person's requests. */
    public String customerIdOf(Contact contact) {
        return Digests.customerId(customerIdSecret, contact);
    }

    /** Erases the person with this customer id: the erasure under way or done, else a new one, announced if it can be. */
    public Mono<Erasure> request(String customerId) {
        // counted first: a request that counts an erasure made meanwhile then finds it as the latest one
        return store.countOf(customerId).flatMap(earlier -> store.latestOf(customerId)
                .filterWhen(existing -> existing.status() == Erasure.Status.PENDING ? Mono.just(true)
                        // completed: asked again; only a person who wrote since (a new key) has something left to erase
                        : keys.find(customerId).hasElement().map(hasKey -> !hasKey))
                .switchIfEmpty(Mono.defer(() -> {
                    Instant now = clock.instant();
                    Erasure erasure = Erasure.requested(erasureId(customerId, earlier), customerId, now, settings.services());
                    return store.saveIfAbsent(erasure, now.plus(settings.relayAfter()))
                            .flatMap(saved -> !saved
                                    // another request for the person made the same erasure at the same moment: theirs
                                    ? store.find(erasure.erasureId())
                                    : announce(erasure)
                                            .onErrorResume(e -> {
                                                log.warn("erasure {} saved, not announced yet (the relay will) cause={}", erasure.erasureId(),
                                                        e.getClass().getSimpleName());
                                                return Mono.empty();
                                            })
                                            .thenReturn(erasure));
                })));
    }

    /**
     * The id of the customer's erasure that follows {@code earlier} ones: the same for two requests at the same moment, so
     * the second one's insert meets the first one's {@code _id} and both answer one erasure; another for a later one.
     */
    static String erasureId(String customerId, long earlier) {
        return "era_" + UUID.nameUUIDFromBytes((customerId + ":" + earlier).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    public Mono<Erasure> find(String erasureId) {
        return store.find(erasureId);
    }

    /** Deletes the key, writes the event, then marks it announced: each step may be done again harmlessly. */
    Mono<Void> announce(Erasure erasure) {
        return keys.destroy(erasure.customerId())
                .then(announcer.announce(erasure))
                .then(store.markAnnounced(erasure.erasureId()))
                .doOnSuccess(v -> log.info("erasure {} announced", erasure.erasureId()));
    }

    /** Announces the erasures saved but not announced whose time has come, one at a time under a lease; returns how many. */
    public int relayDue() {
        return Flux.range(0, 20)
                .concatMap(i -> Mono.defer(() -> {
                    Instant now = clock.instant();
                    return store.claimUnannounced(now, now.plus(settings.lease()));
                }).flatMap(erasure -> announce(erasure).thenReturn(true)).defaultIfEmpty(false))
                .takeWhile(Boolean::booleanValue)
                .count()
                .blockOptional(settings.lease())
                .map(Long::intValue)
                .orElse(0);
    }

    @Scheduled(initialDelayString = "${numi.intake.privacy.poll-every:2s}", fixedDelayString = "${numi.intake.privacy.poll-every:2s}")
    void scheduledRelay() {
        try {
            relayDue();
        } catch (RuntimeException e) {
            log.warn("erasure relay failed owner={} cause={}", owner, e.getClass().getSimpleName());
        }
    }

    /**
     * intake's own part: the key again (it empties this instance's cache too), then every collection; then the answer.
     * Idempotent: run again for the same erasure, it finds nothing and answers again.
     */
    public Mono<Map<String, Long>> eraseOwnData(String erasureId, String customerId) {
        return keys.destroy(customerId)
                .then(data.erase(customerId, this::customerIdOfCallerNumber))
                .flatMap(counts -> announcer.completed(erasureId, customerId, counts).thenReturn(counts));
    }

    /** A service's answer, recorded once; an answer for an erasure intake does not know is ignored. */
    public Mono<Erasure> recordCompletion(String erasureId, String service) {
        return store.markDone(erasureId, service, clock.instant())
                .doOnNext(e -> log.info("erasure {}: {} done, {}", erasureId, service, e.status()));
    }

    /** The customer id of a caller's number as calls record it; null when it is not a number. */
    public String customerIdOfCallerNumber(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        try {
            return customerIdOf(Contact.of(Contact.Kind.PHONE, number));
        } catch (InvalidContactException e) {
            return null;
        }
    }
}
