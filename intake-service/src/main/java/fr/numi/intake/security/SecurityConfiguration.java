package fr.numi.intake.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call what on intake. The gateways' endpoints authenticate themselves (webhook signatures,
 * API keys, CTI tokens, tracking tokens) and stay open to Spring Security; only what agents use — the
 * attachments people sent, the calls an agent logs — needs the agents' JWT, read as ticket-service
 * reads it ({@code sub} = agent id, {@code roles} = AGENT_L1..3, SUPERVISOR).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] AGENT_ROLES = {"AGENT_L1", "AGENT_L2", "AGENT_L3", "SUPERVISOR"};

    /**
     * With no way to check agents' tokens configured (neither {@code hmac-secret} nor an identity
     * provider), the agents' endpoints answer 401 to everybody and the gateways' endpoints work as usual.
     */
    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ObjectProvider<ReactiveJwtDecoder> decoder) {
        boolean agentsCanSignIn = decoder.getIfAvailable() != null;
        http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> {
                    ex.pathMatchers(HttpMethod.OPTIONS).permitAll();
                    if (agentsCanSignIn) {
                        ex.pathMatchers("/api/v1/agent/**", "/api/v1/attachments/**").hasAnyRole(AGENT_ROLES);
                    } else {
                        ex.pathMatchers("/api/v1/agent/**", "/api/v1/attachments/**").denyAll();
                    }
                    ex.anyExchange().permitAll();
                });
        if (!agentsCanSignIn) {
            return http.exceptionHandling(eh -> eh
                            .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "Authentification requise", "Aucun moyen de vérifier les jetons des conseillers n'est configuré."))
                            .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "Authentification requise", "Aucun moyen de vérifier les jetons des conseillers n'est configuré.")))
                    .build();
        }
        return http
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles()))
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

    /** The {@code roles} claim as authorities {@code ROLE_<role>}. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** HS256 tokens signed with {@code numi.intake.security.hmac-secret} (NUMI_JWT_SECRET, shared with ticket-service). */
    @Bean
    @ConditionalOnExpression("'${numi.intake.security.hmac-secret:}' != ''")
    ReactiveJwtDecoder hmacJwtDecoder(@Value("${numi.intake.security.hmac-secret}") String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("numi.intake.security.hmac-secret must be at least 32 bytes (NUMI_JWT_SECRET)");
        }
        return NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(bytes, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
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
