package fr.numi.ticket.security;

import fr.numi.contracts.security.AgentSecurity;
import fr.numi.contracts.security.AgentTokens;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

    /** An origin: scheme, host, optional port, nothing else (no path, no quote, no directive separator). */
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    /**
     * The pages' Content-Security-Policy: their own scripts and styles only (no inline code), images and sound from
     * here or fetched attachments (blob:), calls to this origin and to {@code connectSources} (intake-service, the
     * identity provider), never framed.
     */
    static String pagesPolicy(String connectSources) {
        List<String> origins = Arrays.stream(connectSources.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalStateException("numi.web.connect-sources (NUMI_WEB_CONNECT_SOURCES) holds '" + origin
                        + "': give origins such as https://aide.example.org, separated by spaces");
            }
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                + "connect-src 'self'" + origins.stream().map(o -> " " + o).collect(Collectors.joining()) + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, JsonMapper json, Environment environment) {
        String policy = pagesPolicy(environment.getProperty("numi.web.connect-sources", ""));
        return AgentSecurity.chain(http, json, policy, ex -> {
            ex.pathMatchers(HttpMethod.GET, "/api/v1/tracking/**").permitAll();
            // The person's answer to « Est-ce réglé ? »: the tracking token in the path is the secret.
            ex.pathMatchers(HttpMethod.POST, "/api/v1/tracking/*/resolution").permitAll();
            ex.pathMatchers(HttpMethod.GET, STATIC_PAGES).permitAll();
            ex.pathMatchers("/api/v1/agent/**").hasAnyRole(AgentTokens.ROLES);
            // a person's export (ticket-service's part): the DPO only
            ex.pathMatchers(HttpMethod.GET, "/api/v1/privacy/**").hasRole(AgentTokens.DPO);
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
