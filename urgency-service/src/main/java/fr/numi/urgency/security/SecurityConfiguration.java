package fr.numi.urgency.security;

import fr.numi.contracts.security.AgentSecurity;
import fr.numi.contracts.security.AgentTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what ({@link AgentSecurity}: health, metrics and the API document open). {@code /api/v1/urgencies/**}
 * needs an agent's token ({@code sub} = agent id, {@code roles} = AGENT_L1..3, SUPERVISOR); which agent may do what is
 * checked in the application layer. A person's export ({@code /api/v1/privacy/**}) is the DPO's. Everything else is
 * refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return AgentSecurity.chain(http, json, ex -> ex
                .pathMatchers("/api/v1/urgencies", "/api/v1/urgencies/**").hasAnyRole(AgentTokens.ROLES)
                .pathMatchers("/api/v1/privacy/**").hasRole(AgentTokens.DPO)
                .anyExchange().denyAll());
    }

    /**
     * The identity provider's tokens ({@code numi.security.jwt.*}). Without a provider every token is refused: the
     * consumers (red button, triage) still work, the agents' API answers 401.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(Environment environment) {
        return AgentTokens.decoder(environment);
    }
}
