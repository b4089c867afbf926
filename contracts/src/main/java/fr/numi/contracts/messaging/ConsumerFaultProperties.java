package fr.numi.contracts.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code numi.consumer.*} of numi-defaults.yml: how every consumer of every service tells a bad record from an
 * unavailable dependency ({@link FaultClassifier}) and how long it waits for the dependency.
 *
 * @param dependencyBackOff the wait before the same record again while a dependency is unavailable
 * @param dependencyExceptions classes (fully qualified) that say a dependency is unavailable
 * @param badRecordExceptions classes that say the record itself is bad
 */
@ConfigurationProperties("numi.consumer")
public record ConsumerFaultProperties(BackOff dependencyBackOff, List<String> dependencyExceptions, List<String> badRecordExceptions) {

    public ConsumerFaultProperties {
        dependencyBackOff = dependencyBackOff == null ? new BackOff(null, 0, null) : dependencyBackOff;
        dependencyExceptions = dependencyExceptions == null ? List.of() : List.copyOf(dependencyExceptions);
        badRecordExceptions = badRecordExceptions == null ? List.of() : List.copyOf(badRecordExceptions);
    }

    /**
     * Exponential, capped, without limit: {@code initialInterval}, times {@code multiplier} after each failure, never
     * more than {@code maxInterval}.
     */
    public record BackOff(Duration initialInterval, double multiplier, Duration maxInterval) {

        public BackOff {
            initialInterval = initialInterval == null ? Duration.ofSeconds(1) : initialInterval;
            multiplier = multiplier < 1.0 ? 2.0 : multiplier;
            maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
            if (initialInterval.isNegative() || initialInterval.isZero() || maxInterval.compareTo(initialInterval) < 0) {
                throw new IllegalArgumentException("numi.consumer.dependency-back-off: initial-interval must be positive and at most max-interval");
            }
        }
    }

    FaultClassifier classifier() {
        return new FaultClassifier(dependencyExceptions, badRecordExceptions, List.of());
    }
}
