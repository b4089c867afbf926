package fr.numi.triage.security;

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
 * Who may call what ({@link AgentSecurity}: health, metrics and the API document open). A person's export
 * ({@code /api/v1/privacy/**}) is the DPO's. The preview of triage's decision is for agents (it shows how the rules and
 * the model read a text), and so is every other path (an agent gets 404 or 405 where nothing answers).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return AgentSecurity.chain(http, json, ex -> ex
                .pathMatchers("/api/v1/privacy", "/api/v1/privacy/**").hasRole(AgentTokens.DPO)
                .anyExchange().hasAnyRole(AgentTokens.ROLES));
    }

    /** The identity provider's tokens ({@code numi.security.jwt.*}); without a provider the preview answers 401. */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(Environment environment) {
        return AgentTokens.decoder(environment);
    }
}
