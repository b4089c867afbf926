package fr.numi.feedback.security;

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
 * Who may call what ({@link AgentSecurity}: health, metrics and the API document open). The KPI report is for
 * supervisors (ops teams read the same figures on Prometheus and Grafana); a person's export is the DPO's; any other path needs an agent (who gets 404
 * where nothing answers).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return AgentSecurity.chain(http, json, ex -> ex
                .pathMatchers("/api/v1/kpis", "/api/v1/kpis/**").hasRole("SUPERVISOR")
                .pathMatchers("/api/v1/privacy", "/api/v1/privacy/**").hasRole(AgentTokens.DPO)
                .anyExchange().hasAnyRole(AgentTokens.ROLES));
    }

    /** The identity provider's tokens ({@code numi.security.jwt.*}); without a provider the report answers 401. */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(Environment environment) {
        return AgentTokens.decoder(environment);
    }
}
