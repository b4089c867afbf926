package fr.numi.contracts.problems;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * numi's one problem+json shape (RFC 9457, contracts/http/problem.schema.json): {@code type} under
 * {@code https://numi.fr/problems/}, a French {@code title}, {@code status}, a {@code detail} for the person or agent
 * reading it, {@code instance} (the request path, filled by Spring WebFlux), and {@code errors[]} of
 * {@code {field, message}} when fields are at fault.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://numi.fr/problems/";

    /** One field at fault: its path in the request ({@code contact.kind}, a parameter's name) and what is wrong. */
    public record FieldError(String field, String message) {}

    private Problems() {}

    /** @param type the last segment of the type URI, e.g. {@code invalid-request} */
    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    /** The answer for a problem, its status taken from it. */
    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * Writes the problem as the whole answer where no controller advice applies: a {@code WebFilter} that refuses a
     * request before any handler (a body over the size limit, a rate limit), Spring Security's refusals. Status from
     * the problem, {@code application/problem+json}, {@code instance} = the request path; other headers (e.g.
     * {@code Retry-After}) are the caller's to set first.
     */
    public static Mono<Void> write(JsonMapper json, ServerWebExchange exchange, ProblemDetail problem) {
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(members(problem)));
        return response.writeWith(Mono.just(body));
    }

    /** The members in the order of RFC 9457, extensions after: what is written where no Spring encoder is at hand. */
    static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", String.valueOf(problem.getType()));
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        members.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}
