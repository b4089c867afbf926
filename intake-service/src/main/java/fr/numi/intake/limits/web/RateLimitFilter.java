package fr.numi.intake.limits.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.config.RateLimitProperties;
import fr.numi.intake.limits.domain.TokenBuckets;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.domain.Digests;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits on the public doors, before any body is read: per API key or CTI token where there is
 * one, per caller address otherwise. Over the limit: 429 problem+json with {@code Retry-After} (whole
 * seconds) and {@code numi_intake_gateway_rejected_total{reason="rate-limited"}}. Keys and tokens are
 * bucketed by their hash, never kept in clear.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RateLimitFilter implements WebFilter {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final RateLimitProperties limits;
    private final GatewayMetrics metrics;
    private final JsonMapper json;
    private final TokenBuckets buckets = new TokenBuckets();

    RateLimitFilter(RateLimitProperties limits, GatewayMetrics metrics, JsonMapper json) {
        this.limits = limits;
        this.metrics = metrics;
        this.json = json;
    }

    private record Rule(String channel, String key, int perMinute) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!limits.enabled() || request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        Rule rule = rule(request);
        if (rule == null) {
            return chain.filter(exchange);
        }
        Duration wait = buckets.take(rule.key(), rule.perMinute(), MINUTE, System.nanoTime());
        if (wait.isZero()) {
            return chain.filter(exchange);
        }
        metrics.rejected(rule.channel(), "rate-limited");
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return Problems.write(json, exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Trop de demandes",
                "Trop de demandes en peu de temps. Réessayez dans " + seconds + " secondes."));
    }

    private Rule rule(ServerHttpRequest request) {
        String path = request.getPath().value();
        if (path.equals("/api/v1/requests")) {
            String key = request.getHeaders().getFirst("X-Api-Key");
            return key != null
                    ? new Rule("web", "key:" + Digests.sha256Hex(key), limits.gatewayPerMinute())
                    : new Rule("web", "anonymous:" + caller(request), limits.anonymousPerMinute());
        }
        if (path.equals("/api/v1/feedback")) {
            return new Rule("feedback", "feedback:" + caller(request), limits.feedbackPerMinute());
        }
        if (path.startsWith("/api/v1/tracking/")) {
            // The person's messages and codes from their tracking page: the same budget as a web request.
            return new Rule("tracking", "tracking:" + caller(request), limits.anonymousPerMinute());
        }
        if (path.startsWith("/api/v1/cti/")) {
            return new Rule("cti", "cti:" + Digests.sha256Hex(path.substring("/api/v1/cti/".length())), limits.ctiPerMinute());
        }
        if (path.equals("/api/v1/whatsapp/webhook") || path.startsWith("/api/v1/phone/twilio/")) {
            return new Rule(path.contains("whatsapp") ? "whatsapp" : "twilio", "webhook:" + caller(request), limits.webhookPerMinute());
        }
        return null;
    }

    private String caller(ServerHttpRequest request) {
        if (limits.trustForwardedFor()) {
            String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Scheduled(fixedDelay = 60_000)
    void forgetIdleBuckets() {
        buckets.forgetIdle(MINUTE, System.nanoTime());
    }
}
