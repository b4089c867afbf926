package fr.numi.intake.config;

import fr.numi.intake.limits.domain.TrustedProxies;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits of the public doors (calls per key and fixed minute, counted in MongoDB so that every instance shares
 * them), bound from {@code numi.intake.rate-limit.*}. Over the limit: 429 with {@code Retry-After}.
 *
 * @param anonymousPerMinute keyless {@code POST /api/v1/requests} (the public form, curl) and the tracking link's
 *     posts, per caller address
 * @param gatewayPerMinute {@code POST /api/v1/requests} with an {@code X-Api-Key}, per key
 * @param feedbackPerMinute {@code POST /api/v1/feedback}, per caller address
 * @param ctiPerMinute {@code POST /api/v1/cti/{token}}, per token (bridge)
 * @param webhookPerMinute WhatsApp and Twilio webhooks, per caller address (Meta and Twilio retry a 429)
 * @param trustedProxies addresses and CIDR blocks of the proxies in front of intake ({@code NUMI_TRUSTED_PROXIES},
 *     comma-separated); only a peer among them has its {@code X-Forwarded-For} read, and the caller is the right-most
 *     entry that is not one of them. Empty (the default): the caller is the TCP peer, the header is ignored
 * @param storeTimeout how long a call waits for the shared counter; past it, or with MongoDB away, the call goes
 *     through (fail open) with a WARN and {@code numi_intake_rate_limit_unavailable_total}
 */
@ConfigurationProperties("numi.intake.rate-limit")
public record RateLimitProperties(
        Boolean enabled,
        int anonymousPerMinute,
        int gatewayPerMinute,
        int feedbackPerMinute,
        int ctiPerMinute,
        int webhookPerMinute,
        List<String> trustedProxies,
        Duration storeTimeout) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        anonymousPerMinute = anonymousPerMinute <= 0 ? 20 : anonymousPerMinute;
        gatewayPerMinute = gatewayPerMinute <= 0 ? 600 : gatewayPerMinute;
        feedbackPerMinute = feedbackPerMinute <= 0 ? 20 : feedbackPerMinute;
        ctiPerMinute = ctiPerMinute <= 0 ? 1200 : ctiPerMinute;
        webhookPerMinute = webhookPerMinute <= 0 ? 6000 : webhookPerMinute;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        // A typo here must stop the start, not silently trust nobody (or everybody).
        TrustedProxies.of(trustedProxies);
        storeTimeout = storeTimeout == null || storeTimeout.isNegative() || storeTimeout.isZero() ? Duration.ofSeconds(1) : storeTimeout;
    }

    public TrustedProxies proxies() {
        return TrustedProxies.of(trustedProxies);
    }
}
