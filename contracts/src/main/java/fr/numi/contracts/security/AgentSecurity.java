package fr.numi.contracts.security;

import fr.numi.contracts.problems.SecurityProblems;
import java.util.function.Consumer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.web.server.SecurityWebFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chain every numi service builds the same way: a stateless API (no session, CSRF, basic or form login),
 * health, info, metrics and the API document open, agents' tokens read by {@link AgentTokens}, refusals answered as
 * problem+json ({@link SecurityProblems}). The service adds its own rules, and says what happens to everything else.
 */
public final class AgentSecurity {

    private AgentSecurity() {}

    /**
     * @param rules the service's own rules, ending with {@code anyExchange()}
     */
    public static SecurityWebFilterChain chain(ServerHttpSecurity http, JsonMapper json, Consumer<AuthorizeExchangeSpec> rules) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> {
                    ex.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll();
                    ex.pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll();
                    rules.accept(ex);
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(AgentTokens.authentication()))
                        .authenticationEntryPoint(SecurityProblems.unauthenticated(json))
                        .accessDeniedHandler(SecurityProblems.forbidden(json)))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint(SecurityProblems.unauthenticated(json))
                        .accessDeniedHandler(SecurityProblems.forbidden(json)))
                .build();
    }
}
