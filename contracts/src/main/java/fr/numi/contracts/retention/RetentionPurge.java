package fr.numi.contracts.retention;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * One kind of data a service keeps only so long (docs/privacy.md "Retention"): deletes or anonymises what is older than
 * its retention. Run by the {@link RetentionJob}, at most once per {@code numi.retention.purge-every} across the
 * service's instances. It must be idempotent: a run cut short by a crash is simply done again by the next one.
 */
public interface RetentionPurge {

    /** What is purged, for the logs and the metric's {@code kind} tag ({@code tickets}, {@code deliveries}...). */
    String kind();

    /**
     * Deletes or anonymises what its retention no longer allows at {@code now}.
     *
     * @return how many documents were deleted or anonymised
     */
    Mono<Long> purge(Instant now);
}
