package fr.numi.ticket.security;

import fr.numi.ticket.config.TicketProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call what. Open: health, metrics, the person's tracking (the token is the secret), the web
 * pages (static files: the person's portal, the tracking page, the agents' console, which holds no
 * data until an agent signs in) and, in the local run only, development tokens. Everything under
 * {@code /api/v1/agent} needs a valid JWT; which tickets an agent may see is checked per ticket in the
 * application layer.
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
    SecurityWebFilterChain security(ServerHttpSecurity http, TicketProperties properties) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(ex -> {
                    ex.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus").permitAll();
                    ex.pathMatchers(HttpMethod.GET, "/api/v1/tracking/**").permitAll();
                    // The person's answer to « Est-ce réglé ? »: the tracking token in the path is the secret.
                    ex.pathMatchers(HttpMethod.POST, "/api/v1/tracking/*/resolution").permitAll();
                    ex.pathMatchers(HttpMethod.GET, STATIC_PAGES).permitAll();
                    if (properties.security().devTokens()) {
                        ex.pathMatchers(HttpMethod.POST, "/api/v1/dev/tokens").permitAll();
                    }
                    ex.pathMatchers("/api/v1/agent/**").authenticated();
                    ex.anyExchange().denyAll();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> {})
                        .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Authentification requise", "Jeton absent, invalide ou expiré."))
                        .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Accès refusé", "Ce compte n'a pas accès à cette ressource.")))
                .exceptionHandling(eh -> eh
                        .authenticationEntryPoint((exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Authentification requise", "Jeton absent, invalide ou expiré."))
                        .accessDeniedHandler((exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "forbidden",
                                "Accès refusé", "Ce compte n'a pas accès à cette ressource.")))
                .build();
    }

    /** HS256 tokens signed with {@code numi.ticket.security.hmac-secret} (local run, small deployments). */
    @Bean
    @ConditionalOnExpression("'${numi.ticket.security.hmac-secret:}' != ''")
    ReactiveJwtDecoder hmacJwtDecoder(TicketProperties properties) {
        return NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties.security().hmacSecret()))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    static SecretKeySpec secretKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("numi.ticket.security.hmac-secret must be at least 32 bytes (NUMI_JWT_SECRET)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        String json = "{\"type\":\"https://numi.fr/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + exchange.getRequest().getPath().value() + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
    }
}
