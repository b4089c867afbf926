package fr.numi.triage.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of triage-service, bound from {@code numi.triage.*}.
 *
 * @param rules the versioned rules file, checked at start-up
 * @param model the trained model file (weights and decision thresholds), checked at start-up against the rules
 * @param publishTimeout how long the consumer waits for the broker to acknowledge a decision before
 *     failing the message (then the binder retries, then dead-letters it)
 * @param storeTimeout how long the consumer waits for triage's database (contact history, decisions) before
 *     failing the message, so it is retried
 * @param decisionRetention how long a decision is kept with the person's words, for agents' corrections to
 *     become training data (a TTL index deletes it after that; personal data)
 */
@Validated
@ConfigurationProperties("numi.triage")
public record TriageProperties(
        @NotNull Resource rules,
        @NotNull Resource model,
        Duration publishTimeout,
        Duration storeTimeout,
        Duration decisionRetention) {

    public TriageProperties {
        if (publishTimeout == null) {
            publishTimeout = Duration.ofSeconds(10);
        }
        if (storeTimeout == null) {
            storeTimeout = Duration.ofSeconds(5);
        }
        if (decisionRetention == null) {
            decisionRetention = Duration.ofDays(180);
        }
    }
}
