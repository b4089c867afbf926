package fr.numi.urgency.security;

import fr.numi.urgency.config.UrgencyProperties;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Open: health and metrics. {@code /api/v1/urgencies/**} needs an agent's JWT, the
 * same tokens as ticket-service (HS256 with {@code NUMI_JWT_SECRET}, or an identity provider's JWK set);
 * which agent may do what is checked in the application layer. Everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> ex
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/api/v1/urgencies", "/api/v1/urgencies/**").authenticated()
                        .anyExchange().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> {})
                        .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Authentification requise", "Jeton absent, invalide ou expiré."))
                        .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Accès refusé", "Ce compte n'a pas accès à cette ressource.")))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Authentification requise", "Jeton absent, invalide ou expiré."))
                        .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Accès refusé", "Ce compte n'a pas accès à cette ressource.")))
                .build();
    }

    /**
     * HS256 tokens signed with {@code numi.urgency.security.hmac-secret}. Without a secret and without
     * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, every token is refused: the consumers
     * (red button, triage) still work, the agents' API answers 401.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(UrgencyProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        String secret = properties.security().hmacSecret();
        if (secret != null && !secret.isBlank()) {
            return NimbusReactiveJwtDecoder.withSecretKey(secretKey(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        }
        if (!jwkSetUri.isBlank()) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        }
        log.warn("no NUMI_JWT_SECRET nor JWK set configured: the urgency API refuses every token");
        return token -> Mono.error(new BadJwtException("no key configured to verify agents' tokens"));
    }

    static SecretKeySpec secretKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("numi.urgency.security.hmac-secret must be at least 32 bytes (NUMI_JWT_SECRET)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        String json = "{\"type\":\"https://numi.fr/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + exchange.getRequest().getPath().value() + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
    }
}
