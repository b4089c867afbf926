package fr.numi.contracts.tracing;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps secrets and personal data that URLs hold out of the spans every service exports. Spring's HTTP observations
 * (server and client) carry the whole path as the high-cardinality key value {@code http.url}, which the tracer turns
 * into a span attribute; numi's paths hold the person's private tracking token ({@code /api/v1/tracking/{token}}), and
 * the providers' URLs intake calls hold account and media ids. This filter, which Boot applies to every observation,
 * replaces {@code http.url} with the route template the observation already names as {@code uri}
 * ({@code /api/v1/tracking/{token}}; {@code none} or {@code UNKNOWN} when there is none): the span still says which
 * endpoint, never which ticket. Metrics read only low-cardinality key values, so they do not change.
 */
@AutoConfiguration
@ConditionalOnClass(ObservationFilter.class)
public class UrlsOutOfSpans {

    static final String HTTP_URL = "http.url";
    static final String URI = "uri";

    @Bean
    ObservationFilter urlsOutOfSpans() {
        return UrlsOutOfSpans::withoutUrl;
    }

    static Observation.Context withoutUrl(Observation.Context context) {
        if (context.getHighCardinalityKeyValue(HTTP_URL) != null) {
            KeyValue template = context.getLowCardinalityKeyValue(URI);
            context.addHighCardinalityKeyValue(KeyValue.of(HTTP_URL, template == null ? "none" : template.getValue()));
        }
        return context;
    }
}
