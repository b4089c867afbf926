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
 * @param publishTimeout how long the consumer waits for the broker to acknowledge a decision before
 *     failing the message (then the binder retries, then dead-letters it)
 * @param storeTimeout how long the consumer waits for triage's database (contact history) before
 *     failing the message, so it is retried
 */
@Validated
@ConfigurationProperties("numi.triage")
public record TriageProperties(@NotNull Resource rules, Duration publishTimeout, Duration storeTimeout) {

    public TriageProperties {
        if (publishTimeout == null) {
            publishTimeout = Duration.ofSeconds(10);
        }
        if (storeTimeout == null) {
            storeTimeout = Duration.ofSeconds(5);
        }
    }
}
