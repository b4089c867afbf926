package fr.numi.intake.limits.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.config.RateLimitProperties;
import fr.numi.intake.limits.application.RateLimiter;
import fr.numi.intake.limits.domain.TrustedProxies;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.domain.Digests;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits on the public doors, before any body is read: per API key or CTI token where there is one, per caller
 * address otherwise (the TCP peer, or behind a trusted proxy the address it forwards: {@link TrustedProxies}). Counted
 * by {@link RateLimiter} in MongoDB, so every instance shares one limit. Over it: 429 problem+json with
 * {@code Retry-After} (whole seconds) and {@code numi_intake_gateway_rejected_total{reason="rate-limited"}}. Keys and
 * tokens are counted by their hash, never kept in clear.
 * <p>
 * The limit is keyed on the path the router matches, not on the characters sent: percent-decoded, without matrix
 * parameters ({@code ;x=1}), empty segments ({@code //}), dot segments and trailing slash. A public door asked for under
 * another spelling is counted as itself and then refused with 400 {@code non-canonical-path}: a trick gets a 429 where
 * the plain path does, a 400 otherwise, never the handler.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RateLimitFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final RateLimitProperties limits;
    private final TrustedProxies proxies;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final MeterRegistry registry;
    private final JsonMapper json;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    RateLimitFilter(RateLimitProperties limits, RateLimiter limiter, GatewayMetrics metrics, MeterRegistry registry, JsonMapper json) {
        this.limits = limits;
        this.proxies = limits.proxies();
        this.limiter = limiter;
        this.metrics = metrics;
        this.registry = registry;
        this.json = json;
    }

    private record Rule(String channel, String key, int perMinute) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!limits.enabled() || request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        PathContainer sent = request.getPath().pathWithinApplication();
        String path = canonical(sent);
        Rule rule = rule(path, request);
        if (rule == null) {
            return chain.filter(exchange);
        }
        boolean canonical = path.equals(sent.value());
        return limiter.take(rule.key(), rule.perMinute(), MINUTE)
                .timeout(limits.storeTimeout())
                .map(RateLimiter.Decision::retryAfterSeconds)
                .onErrorResume(e -> failOpen(rule, e))
                .flatMap(retryAfter -> {
                    if (retryAfter > 0) {
                        metrics.rejected(rule.channel(), "rate-limited");
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                        return Problems.write(json, exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                                "Trop de demandes", "Trop de demandes en peu de temps. Réessayez dans " + retryAfter + " secondes."));
                    }
                    if (!canonical) {
                        metrics.rejected(rule.channel(), "non-canonical-path");
                        return Problems.write(json, exchange, Problems.of(HttpStatus.BAD_REQUEST, "non-canonical-path",
                                "Adresse mal formée", "Cette adresse n'est pas écrite sous sa forme simple : sans encodage, sans « ; », "
                                        + "sans « // » et sans « / » final."));
                    }
                    return chain.filter(exchange);
                });
    }

    /** MongoDB away or slow: let the call through rather than shut every door; say so, at most once a minute. */
    private Mono<Long> failOpen(Rule rule, Throwable e) {
        registry.counter("numi.intake.rate.limit.unavailable", "channel", rule.channel()).increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("rate limits not enforced: shared counters unavailable channel={} cause={}", rule.channel(), e.toString());
        }
        return Mono.just(0L);
    }

    /**
     * The path as the router matches it: each segment percent-decoded and without its matrix parameters, empty and
     * {@code .} segments dropped, {@code ..} taking the previous one away, no trailing slash.
     */
    static String canonical(PathContainer path) {
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.isEmpty() || value.equals(".")) {
                    continue;
                }
                if (value.equals("..")) {
                    segments.pollLast();
                    continue;
                }
                segments.addLast(value);
            }
        }
        return "/" + String.join("/", segments);
    }

    private Rule rule(String path, ServerHttpRequest request) {
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
        InetSocketAddress remote = request.getRemoteAddress();
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
        return proxies.caller(remote == null ? null : remote.getAddress(), forwarded);
    }
}
