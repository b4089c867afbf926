package fr.numi.contracts.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where spans go: {@code NUMI_OTLP_ENDPOINT}, which numi-defaults.yml reads into Boot's
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}. Boot creates the OTLP exporter whenever that property is
 * set to anything but {@code false}, so an empty value (what compose's {@code ${NUMI_OTLP_ENDPOINT:-}} gives) would fail
 * the start deep in the OpenTelemetry SDK. Here empty means what unset means, no export; a value that is not an
 * {@code http://} or {@code https://} URL stops the start with one line naming the variable.
 */
public class OtlpEndpointSetting implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String VARIABLE = "NUMI_OTLP_ENDPOINT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT);
        if (endpoint == null || endpoint.strip().equalsIgnoreCase("false")) {
            return;
        }
        if (endpoint.isBlank()) {
            environment.getPropertySources().addFirst(new MapPropertySource("numi-otlp-endpoint-unset", Map.of(ENDPOINT, "false")));
            return;
        }
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            // The value is not quoted: a URL may hold credentials.
            throw new IllegalStateException(VARIABLE + " (" + ENDPOINT + ") must be the collector's http:// or https:// OTLP traces URL,"
                    + " e.g. http://otel-collector:4318/v1/traces, or unset for no export");
        }
    }

    /** After the configuration files are read (numi-defaults.yml among them). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
