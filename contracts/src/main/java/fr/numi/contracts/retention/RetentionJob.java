package fr.numi.contracts.retention;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Runs a service's {@link RetentionPurge}s every {@code numi.retention.purge-every} (1 hour), once across all its
 * instances: each instance wakes up that often and the first to claim the period runs the purges; the others find it
 * claimed and go back to sleep. The claim is one atomic update of the document {@code purge} of the collection
 * {@value #COLLECTION} in the service's own database: {@code dueAt} moves one period on, so it needs no clock agreement
 * beyond the period and no lock to release. An instance that dies mid-purge leaves the rest to the next period's run:
 * purges are idempotent.
 *
 * <p>Why a job and not TTL indexes alone: the embedded Mongo-wire server of the local run and the tests accepts TTL
 * indexes but never expires anything, and a TTL index can only delete a whole document, while a closed ticket is
 * anonymised and kept for the KPIs.
 */
public final class RetentionJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    public static final String COLLECTION = "retention_runs";
    static final String RUN = "purge";
    /** How long one purge may take before the run gives up on it (the next run does it again). */
    static final Duration PURGE_TIMEOUT = Duration.ofMinutes(10);

    private final MongoCollection<Document> runs;
    private final List<RetentionPurge> purges;
    private final Duration every;
    private final Duration firstAfter;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String instance = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService scheduler;

    public RetentionJob(MongoDatabase database, List<RetentionPurge> purges, Duration every, Duration firstAfter, Clock clock,
            MeterRegistry meters) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("numi.retention.purge-every must be positive");
        }
        this.runs = database.getCollection(COLLECTION);
        this.purges = List.copyOf(purges);
        this.every = every;
        this.firstAfter = firstAfter == null || firstAfter.isNegative() ? Duration.ZERO : firstAfter;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * One wake-up: claims the current period and, if this instance got it, runs every purge.
     *
     * @return what each purge removed, by kind, in order; empty when another instance has this period's run
     */
    public Optional<Map<String, Long>> runOnce() {
        Instant now = clock.instant();
        if (!claim(now)) {
            return Optional.empty();
        }
        Map<String, Long> purged = new LinkedHashMap<>();
        for (RetentionPurge purge : purges) {
            try {
                long count = Optional.ofNullable(purge.purge(now).block(PURGE_TIMEOUT)).orElse(0L);
                purged.put(purge.kind(), count);
                if (meters != null) {
                    meters.counter("numi.retention.purged", "kind", purge.kind()).increment(count);
                }
                if (count > 0) {
                    log.info("retention: {} {} purged", count, purge.kind());
                } else {
                    log.debug("retention: no {} to purge", purge.kind());
                }
            } catch (RuntimeException e) {
                // The others still run; this one is done again next period.
                log.warn("retention: purge of {} failed, done again next run: {}", purge.kind(), e.toString());
            }
        }
        return Optional.of(purged);
    }

    /** Moves the run's due time one period on if it has come: the one atomic write that makes this instance the runner. */
    boolean claim(Instant now) {
        try {
            Document claimed = Mono.from(runs.findOneAndUpdate(
                            Filters.and(Filters.eq("_id", RUN), Filters.lte("dueAt", Date.from(now))),
                            Updates.combine(Updates.set("dueAt", Date.from(now.plus(every))), Updates.set("claimedBy", instance),
                                    Updates.set("claimedAt", Date.from(now))),
                            new FindOneAndUpdateOptions().upsert(true)))
                    .block(Duration.ofSeconds(30));
            // Either it was due (claimed is the document before the update) or there was none and the upsert made it.
            log.debug("retention: run claimed by {} (before: {})", instance, claimed);
            return true;
        } catch (MongoServerException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false; // the document is there and not due: another instance ran this period
            }
            log.warn("retention: cannot claim the run, tried again next period: {}", e.toString());
            return false;
        } catch (RuntimeException e) {
            log.warn("retention: cannot claim the run, tried again next period: {}", e.toString());
            return false;
        }
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("retention: run failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention-purge");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::tick, firstAfter.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = started;
        log.info("retention: {} purges ({}) every {}", purges.size(), purges.stream().map(RetentionPurge::kind).toList(), every);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
