package fr.numi.feedback.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of feedback-service, bound from {@code numi.feedback.*}.
 *
 * @param targets the hotline's published targets (what the KPIs are compared against)
 * @param reopenVoidsFirstContactWithin a reopening this soon after the first resolution voids first-contact resolution
 * @param surveyMaxAge a survey is requested only for a resolution at most this old when read (a replay asks nobody again)
 * @param openingHours the hours availability is measured over, every day
 * @param gaugesRefresh how often the store-backed gauges are recomputed
 * @param deadLetterTopics regular expression naming the dead-letter topics measured (every service's)
 */
@Validated
@ConfigurationProperties("numi.feedback")
public record FeedbackProperties(
        @Valid @NotNull Targets targets,
        @NotNull Duration reopenVoidsFirstContactWithin,
        @NotNull Duration surveyMaxAge,
        @Valid @NotNull Opening openingHours,
        @NotNull Duration gaugesRefresh,
        @NotBlank String deadLetterTopics) {

    public record Targets(
            @DecimalMin("0") @DecimalMax("1") double satisfaction,
            @NotNull Duration firstResponse,
            @DecimalMin("0") @DecimalMax("1") double firstContactResolution,
            @DecimalMin("0") @DecimalMax("1") double availability,
            @NotNull Duration cyberPickup) {}

    public record Opening(@NotNull LocalTime opens, @NotNull LocalTime closes, @NotBlank String zone) {}
}
