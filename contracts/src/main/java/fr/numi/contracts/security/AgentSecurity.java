package fr.numi.contracts.security;

import fr.numi.contracts.problems.SecurityProblems;
import java.util.function.Consumer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chain every numi service builds the same way: a stateless API (no session, CSRF, basic or form login),
 * open to the probes ({@code /livez}, {@code /readyz}), the management port's health, info and metrics and the API
 * document, agents' tokens read by {@link AgentTokens}, refusals answered as problem+json ({@link SecurityProblems}). The service adds its own rules, and says what happens to everything else.
 *
 * <p>Every answer carries the OWASP headers: a Content-Security-Policy (an API's loads nothing and may not be framed;
 * a service serving pages gives its own), {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer} (a
 * tracking link's token never leaves in a Referer), a Permissions-Policy turning off camera, microphone, geolocation
 * and payment, and Spring Security's defaults ({@code X-Content-Type-Options: nosniff}, {@code Cache-Control:
 * no-store}, HSTS over HTTPS).
 */
public final class AgentSecurity {

    private AgentSecurity() {}

    /** The Content-Security-Policy of an API: nothing to load, no frame, no form. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()";

    /**
     * @param rules the service's own rules, ending with {@code anyExchange()}
     */
    public static SecurityWebFilterChain chain(ServerHttpSecurity http, JsonMapper json, Consumer<AuthorizeExchangeSpec> rules) {
        return chain(http, json, API_POLICY, rules);
    }

    /** The same, with the Content-Security-Policy of a service that serves web pages. */
    public static SecurityWebFilterChain chain(ServerHttpSecurity http, JsonMapper json, String contentSecurityPolicy,
            Consumer<AuthorizeExchangeSpec> rules) {
        return http
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .permissionsPolicy(permissions -> permissions.policy(PERMISSIONS_POLICY)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> {
                    // the probes on the main port; the actuator's paths on the management port (ops, Prometheus)
                    ex.pathMatchers("/livez", "/readyz").permitAll();
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
