package fr.numi.intake.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web channel's doors, bound from {@code numi.intake.web.*}.
 *
 * @param apiKeys one key per web gateway, by name ({@code X-Api-Key}); the name scopes its
 *     {@code Idempotency-Key}s and its rate limit
 * @param allowAnonymous requests without a key are taken (the public form, curl): as the gateway
 *     {@code public}, limited per caller; false = only from {@code allowedOrigins}
 * @param allowedOrigins the origins of numi's own web pages (CORS, and the keyless door when
 *     {@code allowAnonymous} is false)
 */
@ConfigurationProperties("numi.intake.web")
public record WebProperties(Map<String, String> apiKeys, Boolean allowAnonymous, List<String> allowedOrigins) {

    public WebProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
        allowAnonymous = allowAnonymous == null || allowAnonymous;
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
                ? List.of("http://127.0.0.1:8082", "http://localhost:8082")
                : List.copyOf(allowedOrigins);
    }
}
