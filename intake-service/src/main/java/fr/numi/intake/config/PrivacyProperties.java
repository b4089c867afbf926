package fr.numi.intake.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Erasure requests, bound from {@code numi.intake.privacy.*}.
 *
 * @param services the services that keep personal data at rest: an erasure is COMPLETED once each of them has
 *     answered on its {@code <service>.erasure-completed.v1} topic (read when an erasure is made: it keeps its list)
 * @param relayAfter how long an erasure saved but not yet announced waits before any instance's relay announces it
 *     (the request's own call announces it at once; the relay covers a crash or an unavailable broker or key store)
 * @param lease how long one instance holds an erasure it is announcing before another may take it
 * @param pollEvery how often each instance's relay looks for erasures to announce
 */
@ConfigurationProperties("numi.intake.privacy")
public record PrivacyProperties(List<String> services, Duration relayAfter, Duration lease, Duration pollEvery) {

    public PrivacyProperties {
        services = services == null || services.isEmpty() ? List.of("intake-service") : List.copyOf(services);
        relayAfter = relayAfter == null ? Duration.ofSeconds(10) : relayAfter;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        pollEvery = pollEvery == null ? Duration.ofSeconds(2) : pollEvery;
    }
}
