package fr.numi.feedback.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of feedback-service, bound from {@code numi.feedback.*}.
 *
 * @param rememberedEventIds how many recent event ids are kept to ignore redeliveries (in memory,
 *     per instance; a durable store comes with the KPI aggregates)
 */
@Validated
@ConfigurationProperties("numi.feedback")
public record FeedbackProperties(@Positive int rememberedEventIds) {}
