package fr.numi.intake.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param export where a person's export reads the other services' parts
 */
@ConfigurationProperties("numi.intake.privacy")
public record PrivacyProperties(List<String> services, Duration relayAfter, Duration lease, Duration pollEvery, Export export) {

    public PrivacyProperties {
        services = services == null || services.isEmpty() ? List.of("intake-service") : List.copyOf(services);
        relayAfter = relayAfter == null ? Duration.ofSeconds(10) : relayAfter;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        pollEvery = pollEvery == null ? Duration.ofSeconds(2) : pollEvery;
        export = export == null ? new Export(null, null) : export;
    }

    /**
     * A person's export ({@code GET /api/v1/privacy/customers/{id}}).
     *
     * @param from per service (besides intake), the base URLs of its instances, tried in turn until one answers; every
     *     service named here is part of every export, and an export without one of them is refused (503)
     * @param timeout how long one instance may take to answer its part
     */
    public record Export(Map<String, List<URI>> from, Duration timeout) {

        public Export {
            from = from == null ? Map.of() : new LinkedHashMap<>(from);
            from.forEach((service, urls) -> {
                if (urls == null || urls.isEmpty()) {
                    throw new IllegalStateException("numi.intake.privacy.export.from." + service + " names no URL");
                }
            });
            from = java.util.Collections.unmodifiableMap(from);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
