package fr.numi.intake.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits of the public doors (token buckets, refilled evenly over a minute), bound from
 * {@code numi.intake.rate-limit.*}. Over the limit: 429 with {@code Retry-After}.
 *
 * @param anonymousPerMinute keyless {@code POST /api/v1/requests} (the public form, curl), per caller address
 * @param gatewayPerMinute {@code POST /api/v1/requests} with an {@code X-Api-Key}, per key
 * @param feedbackPerMinute {@code POST /api/v1/feedback}, per caller address
 * @param ctiPerMinute {@code POST /api/v1/cti/{token}}, per token (bridge)
 * @param webhookPerMinute WhatsApp and Twilio webhooks, per caller address (Meta and Twilio retry a 429)
 * @param trustForwardedFor take the caller from the first {@code X-Forwarded-For} address (only behind
 *     a proxy that sets it; otherwise anyone could pick their own bucket)
 */
@ConfigurationProperties("numi.intake.rate-limit")
public record RateLimitProperties(
        Boolean enabled,
        int anonymousPerMinute,
        int gatewayPerMinute,
        int feedbackPerMinute,
        int ctiPerMinute,
        int webhookPerMinute,
        boolean trustForwardedFor) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        anonymousPerMinute = anonymousPerMinute <= 0 ? 20 : anonymousPerMinute;
        gatewayPerMinute = gatewayPerMinute <= 0 ? 600 : gatewayPerMinute;
        feedbackPerMinute = feedbackPerMinute <= 0 ? 20 : feedbackPerMinute;
        ctiPerMinute = ctiPerMinute <= 0 ? 1200 : ctiPerMinute;
        webhookPerMinute = webhookPerMinute <= 0 ? 6000 : webhookPerMinute;
    }
}
