package fr.numi.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.util.pattern.PathPatternParser;

class UrlsOutOfSpansTest {

    static final String TOKEN = "q3Jx0u9bY1m2a7Vt0s8W4nQk6cE5rD1fH3gJ2kL9pZA";

    /** What a tracing handler sees when the observation stops: every key value it would write on the span. */
    static Map<String, String> keyValuesAtStop(ServerRequestObservationContext context) {
        Map<String, String> seen = new HashMap<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig()
                .observationFilter(new UrlsOutOfSpans().urlsOutOfSpans())
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStop(Observation.Context stopped) {
                        stopped.getAllKeyValues().forEach(kv -> seen.put(kv.getKey(), kv.getValue()));
                    }

                    @Override
                    public boolean supportsContext(Observation.Context any) {
                        return true;
                    }
                });
        Observation.createNotStarted(new DefaultServerRequestObservationConvention(), () -> context, registry).start().stop();
        return seen;
    }

    @Test
    void shouldPutTheRouteTemplateInsteadOfATrackingTokenInTheSpansUrl() {
        // given a request for a person's tracking page, routed by WebFlux
        var request = MockServerHttpRequest.get("/api/v1/tracking/" + TOKEN).build();
        var context = new ServerRequestObservationContext(request, new MockServerHttpResponse(), Map.of());
        context.setPathPattern(PathPatternParser.defaultInstance.parse("/api/v1/tracking/{token}").getPatternString());

        // when the observation stops
        Map<String, String> span = keyValuesAtStop(context);

        // then the span says which endpoint, never which token
        assertThat(span).containsEntry(ServerHttpObservationDocumentation.HighCardinalityKeyNames.HTTP_URL.asString(),
                "/api/v1/tracking/{token}");
        assertThat(span.values()).noneMatch(value -> value.contains(TOKEN));
    }

    @Test
    void shouldSayNoneWhenTheObservationNamesNoRoute() {
        // given an observation with a URL and no route template
        Observation.Context context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of(UrlsOutOfSpans.HTTP_URL, "https://api.example.org/accounts/AC123/Messages.json"));

        // when it is filtered
        Observation.Context filtered = UrlsOutOfSpans.withoutUrl(context);

        // then
        assertThat(filtered.getHighCardinalityKeyValue(UrlsOutOfSpans.HTTP_URL).getValue()).isEqualTo("none");
    }

    @Test
    void shouldLeaveObservationsWithoutAUrlAlone() {
        // given a Kafka listener's observation
        Observation.Context context = new Observation.Context();
        context.addLowCardinalityKeyValue(KeyValue.of("messaging.destination.name", "intake.request-received.v1"));

        // when it is filtered
        Observation.Context filtered = UrlsOutOfSpans.withoutUrl(context);

        // then
        assertThat(filtered.getHighCardinalityKeyValues()).isEmpty();
        assertThat(filtered.getLowCardinalityKeyValue("messaging.destination.name").getValue()).isEqualTo("intake.request-received.v1");
    }
}
