package fr.numi.urgency.security;

import fr.numi.contracts.problems.SecurityProblems;
import fr.numi.contracts.security.AgentTokens;
import fr.numi.urgency.config.UrgencyProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Open: health, metrics and the API document. {@code /api/v1/urgencies/**} needs an agent's JWT,
 * read as every numi service reads it ({@link AgentTokens}: {@code sub} = agent id, {@code roles} = AGENT_L1..3,
 * SUPERVISOR); which agent may do what is checked in the application layer. Everything else is refused. Refusals are
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
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .pathMatchers("/api/v1/urgencies", "/api/v1/urgencies/**").hasAnyRole(AgentTokens.ROLES)
                        .anyExchange().denyAll())
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
     * HS256 tokens signed with {@code numi.urgency.security.hmac-secret}, else the identity provider's JWK set. Without
     * either, every token is refused: the consumers (red button, triage) still work, the agents' API answers 401.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(UrgencyProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri) {
        return AgentTokens.decoder("numi.urgency.security.hmac-secret", properties.security().hmacSecret(), jwkSetUri);
    }
}
