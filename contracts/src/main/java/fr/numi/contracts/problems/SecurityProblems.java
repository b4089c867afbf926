package fr.numi.contracts.problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals (they happen in the filter chain, before any controller advice) in numi's problem shape:
 * 401 {@code unauthenticated} with {@code WWW-Authenticate: Bearer}, 403 {@code forbidden}. Set both on
 * {@code oauth2ResourceServer(...)} and on {@code exceptionHandling(...)}.
 */
public final class SecurityProblems {

    private SecurityProblems() {}

    public static ServerAuthenticationEntryPoint unauthenticated(JsonMapper json) {
        return (exchange, e) -> write(json, exchange, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Authentification requise", "Jeton absent, invalide ou expiré."));
    }

    public static ServerAccessDeniedHandler forbidden(JsonMapper json) {
        return (exchange, e) -> write(json, exchange, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Accès refusé",
                "Ce compte n'a pas accès à cette ressource."));
    }

    private static Mono<Void> write(JsonMapper json, ServerWebExchange exchange, ProblemDetail problem) {
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return Problems.write(json, exchange, problem);
    }
}
