package fr.numi.intake.security;

import fr.numi.contracts.security.AgentSecurity;
import fr.numi.contracts.security.AgentTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on intake. The gateways' endpoints authenticate themselves (webhook signatures, API keys, CTI
 * tokens, tracking tokens) and stay open to Spring Security, as do health, metrics and the API document; only what
 * agents use (and the DPO's erasure requests, role DPO) (the attachments people sent, the calls an agent logs) needs the agents' JWT, read as every numi service
 * reads it ({@link AgentTokens}: {@code sub} = agent id, {@code roles} = AGENT_L1..3, SUPERVISOR). Refusals are
 * problem+json ({@link AgentSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return AgentSecurity.chain(http, json, ex -> ex
                .pathMatchers(HttpMethod.OPTIONS).permitAll()
                .pathMatchers("/api/v1/outbox", "/api/v1/outbox/**").hasRole("SUPERVISOR")
                .pathMatchers("/api/v1/privacy", "/api/v1/privacy/**").hasRole(AgentTokens.DPO)
                .pathMatchers("/api/v1/agent/**", "/api/v1/attachments/**").hasAnyRole(AgentTokens.ROLES)
                .anyExchange().permitAll());
    }

    /**
     * The identity provider's tokens ({@code numi.security.jwt.*}). Without a provider every token is refused: the
     * agents' endpoints answer 401 to everybody, the gateways' endpoints work as usual.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(Environment environment) {
        return AgentTokens.decoder(environment);
    }
}
