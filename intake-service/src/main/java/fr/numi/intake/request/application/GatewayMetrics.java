package fr.numi.intake.request.application;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What the doors refuse, ignore and absorb, per channel and reason:
 * {@code numi_intake_gateway_rejected_total}, {@code numi_intake_gateway_ignored_total},
 * {@code numi_intake_gateway_duplicates_total}; and what they answered without MongoDB,
 * {@code numi_intake_gateway_without_database_total}.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void rejected(String channel, String reason) {
        registry.counter("numi.intake.gateway.rejected", "channel", channel, "reason", reason).increment();
    }

    public void ignored(String channel, String reason) {
        registry.counter("numi.intake.gateway.ignored", "channel", channel, "reason", reason).increment();
    }

    /** A step answered without the database (MongoDB away): {@code step} names it ({@code gather}, {@code status}…). */
    public void withoutDatabase(String channel, String step) {
        registry.counter("numi.intake.gateway.without.database", "channel", channel, "step", step).increment();
    }

    public void duplicate(String channel) {
        registry.counter("numi.intake.gateway.duplicates", "channel", channel).increment();
    }

    public double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
