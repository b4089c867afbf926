package fr.numi.intake.security;

import fr.numi.contracts.problems.SecurityProblems;
import fr.numi.contracts.security.AgentTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on intake. The gateways' endpoints authenticate themselves (webhook signatures, API keys, CTI
 * tokens, tracking tokens) and stay open to Spring Security, as do health, metrics and the API document; only what
 * agents use (the attachments people sent, the calls an agent logs) needs the agents' JWT, read as every numi service
 * reads it ({@link AgentTokens}: {@code sub} = agent id, {@code roles} = AGENT_L1..3, SUPERVISOR). Refusals are
 * problem+json ({@link SecurityProblems}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/v1/agent/**", "/api/v1/attachments/**").hasAnyRole(AgentTokens.ROLES)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(AgentTokens.authentication()))
                        .authenticationEntryPoint(SecurityProblems.unauthenticated(json))
                        .accessDeniedHandler(SecurityProblems.forbidden(json)))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint(SecurityProblems.unauthenticated(json))
                        .accessDeniedHandler(SecurityProblems.forbidden(json)))
                .build();
    }

    /**
     * HS256 tokens signed with {@code numi.intake.security.hmac-secret} (NUMI_JWT_SECRET, shared with ticket-service),
     * else the identity provider's JWK set. Without either, every token is refused: the agents' endpoints answer 401 to
     * everybody, the gateways' endpoints work as usual.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(@Value("${numi.intake.security.hmac-secret:}") String hmacSecret,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        return AgentTokens.decoder("numi.intake.security.hmac-secret", hmacSecret, jwkSetUri);
    }
}
