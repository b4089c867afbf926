package fr.numi.urgency.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of urgency-service, bound from {@code numi.urgency.*}.
 *
 * @param rememberedEventIds how many recent event ids are kept to ignore redeliveries (in memory,
 *     per instance; a durable store comes with the urgency protocol)
 */
@Validated
@ConfigurationProperties("numi.urgency")
public record UrgencyProperties(@Positive int rememberedEventIds) {}
