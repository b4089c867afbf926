package fr.numi.ticket.security;

import fr.numi.contracts.security.AgentSecurity;
import fr.numi.contracts.security.AgentTokens;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Open: health, metrics, the API document, the person's tracking (the token is the secret), the web
 * pages (static files: the person's portal, the tracking page, the agents' console, which holds no data until an agent
 * signs in with the identity provider). Everything under {@code /api/v1/agent} needs an agent's JWT,
 * read as every numi service reads it ({@link AgentTokens}: {@code sub} = agent id, {@code roles} = AGENT_L1..3,
 * SUPERVISOR); which tickets an agent may see is checked per ticket in the application layer. Refusals are problem+json
 * ({@link AgentSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The web pages and their assets, served from {@code classpath:/static/}. */
    static final String[] STATIC_PAGES = {
        "/", "/index.html", "/suivi.html", "/console", "/console/", "/console/**", "/assets/**", "/favicon.ico"
    };

    /**
     * {@code /console/} (and {@code /console}) serve the console's page: static resources have no
     * directory index besides the welcome page at {@code /}. Kept here, next to the rule that opens
     * the pages, as the only Java the web pages need.
     */
    @Bean
    RouterFunction<ServerResponse> consolePage() {
        Resource page = new ClassPathResource("static/console/index.html");
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .GET("/console/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .build();
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json) {
        return AgentSecurity.chain(http, json, ex -> {
            ex.pathMatchers(HttpMethod.GET, "/api/v1/tracking/**").permitAll();
            // The person's answer to « Est-ce réglé ? »: the tracking token in the path is the secret.
            ex.pathMatchers(HttpMethod.POST, "/api/v1/tracking/*/resolution").permitAll();
            ex.pathMatchers(HttpMethod.GET, STATIC_PAGES).permitAll();
            ex.pathMatchers("/api/v1/agent/**").hasAnyRole(AgentTokens.ROLES);
            ex.anyExchange().denyAll();
        });
    }

    /**
     * The identity provider's tokens ({@code numi.security.jwt.*}). Without a provider every token is refused: the
     * consumers and the tracking page still work, the agents' desk answers 401.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(Environment environment) {
        return AgentTokens.decoder(environment);
    }
}
