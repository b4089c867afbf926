package fr.numi.intake.limits.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.intake.config.RateLimitProperties;
import fr.numi.intake.limits.application.RateLimiter;
import fr.numi.intake.request.application.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class RateLimitFilterTest {

    @ParameterizedTest
    @CsvSource({
        "/api/v1/requests, /api/v1/requests",
        "/api/v1/requests;x=1, /api/v1/requests",
        "/api/v1/%72equests, /api/v1/requests",
        "//api/v1//requests/, /api/v1/requests",
        "/api/v1/./x/../requests, /api/v1/requests",
        "/api/v1/cti/%74oken;a=b, /api/v1/cti/token",
        "/, /",
    })
    void shouldKeyOnThePathTheRouterMatches(String sent, String canonical) {
        assertThat(RateLimitFilter.canonical(PathContainer.parsePath(sent))).isEqualTo(canonical);
    }

    @Test
    void shouldLetTheCallThroughAndCountItWhenTheSharedCountersAreAway() {
        // given: MongoDB fails every count
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter((key, window) -> Mono.error(new IllegalStateException("mongo away")), Clock.systemUTC());
        RateLimitFilter filter = new RateLimitFilter(new RateLimitProperties(true, 1, 1, 1, 1, 1, List.of(), null), limiter,
                new GatewayMetrics(registry), registry, JsonMapper.builder().build());
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/requests").build());
        AtomicBoolean handled = new AtomicBoolean();

        // when
        filter.filter(exchange, e -> Mono.fromRunnable(() -> handled.set(true))).block();

        // then
        assertThat(handled).isTrue();
        assertThat(registry.counter("numi.intake.rate.limit.unavailable", "channel", "web").count()).isEqualTo(1);
    }
}
