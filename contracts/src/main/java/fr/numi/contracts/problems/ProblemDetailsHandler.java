package fr.numi.contracts.problems;

import fr.numi.contracts.json.JsonPaths;
import fr.numi.contracts.problems.Problems.FieldError;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Spring's {@link ResponseEntityExceptionHandler} (the framework's own errors: 400 unreadable or invalid body, 404,
 * 405, 406, 415, …), each given numi's {@link Problems problem shape} with a French title and the fields at fault, plus
 * 413 for a body over the codec's limit, 503 with {@code Retry-After} when a dependency is unavailable (MongoDB down or
 * its circuit breaker open: {@link Unavailable}) and 500 for anything else unexpected (logged, never shown). A service
 * extends it as its {@code @RestControllerAdvice} and adds the handlers of its own exceptions with {@link Problems#of}.
 */
public abstract class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    private Unavailable unavailable = Unavailable.NOTHING;

    /** Set by Spring from contracts' auto-configuration ({@code fr.numi.contracts.database.MongoGuard}). */
    @Autowired(required = false)
    public void setUnavailable(Unavailable unavailable) {
        this.unavailable = unavailable;
    }

    @ExceptionHandler(DataBufferLimitException.class)
    public ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException e) {
        return Problems.respond(tooLargeProblem());
    }

    /**
     * Whatever no handler expected: 503 with {@code Retry-After} when a dependency is unavailable (the route and the
     * exception's class logged at WARN, at DEBUG while the breaker is open; never the path: it may hold a tracking
     * token), else 500 with nothing of the cause
     * in the answer (it may name internals).
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        Optional<Throwable> culprit = unavailable.culprit(e);
        if (culprit.isPresent()) {
            // While MongoDB's breaker is open every request would say the same: its opening was logged once.
            if (culprit.get() instanceof CallNotPermittedException ? log.isDebugEnabled() : log.isWarnEnabled()) {
                Object route = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                String line = "dependency unavailable, answered 503 route={} {} exception={}";
                Object[] values = {exchange.getRequest().getMethod(), route == null ? "?" : route, culprit.get().getClass().getName()};
                if (culprit.get() instanceof CallNotPermittedException) {
                    log.debug(line, values);
                } else {
                    log.warn(line, values);
                }
            }
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()))
                    .body(unavailable.problem());
        }
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), e);
        return Problems.respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Erreur interne",
                "Une erreur inattendue est survenue : réessayez plus tard."));
    }

    /** The answer to a body over the size limit; a service with its own limit says it in the detail. */
    protected ProblemDetail tooLargeProblem() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Demande trop volumineuse",
                "La demande dépasse la taille acceptée.");
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = problem(ex, status);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(ResponseEntity.status(problem.getStatus()).headers(answerHeaders).body(problem));
    }

    private ProblemDetail problem(Exception ex, HttpStatusCode status) {
        if (ex instanceof WebExchangeBindException bind) {
            List<FieldError> errors = new ArrayList<>();
            bind.getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(), String.valueOf(f.getDefaultMessage()))));
            bind.getGlobalErrors().forEach(g -> errors.add(new FieldError(g.getObjectName(), String.valueOf(g.getDefaultMessage()))));
            return invalid(errors);
        }
        if (ex instanceof HandlerMethodValidationException validation) {
            List<FieldError> errors = new ArrayList<>();
            validation.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(
                    new FieldError(String.valueOf(result.getMethodParameter().getParameterName()), String.valueOf(error.getDefaultMessage())))));
            return invalid(errors);
        }
        if (ex instanceof ServerWebInputException input) {
            if (causedBy(input, DataBufferLimitException.class)) {
                return tooLargeProblem();
            }
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Demande illisible",
                    input instanceof MissingRequestValueException missing
                            ? "Il manque « " + missing.getName() + " » dans la demande."
                            : "Le corps ou un paramètre de la demande est illisible.");
            String field = input instanceof MissingRequestValueException missing ? missing.getName() : JsonPaths.fieldOf(input);
            if (field == null && input.getMethodParameter() != null && !(input.getCause() instanceof DecodingException)) {
                field = input.getMethodParameter().getParameterName();
            }
            return field == null ? problem : Problems.withErrors(problem, List.of(new FieldError(field, "valeur absente ou invalide")));
        }
        if (ex instanceof UnsupportedMediaTypeStatusException media) {
            return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Format non pris en charge",
                    "Envoyez la demande en " + mediaTypes(media.getSupportedMediaTypes()) + ".");
        }
        if (ex instanceof NotAcceptableStatusException acceptable) {
            return Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Format de réponse indisponible",
                    "Cette adresse répond en " + mediaTypes(acceptable.getSupportedMediaTypes()) + ".");
        }
        if (ex instanceof MethodNotAllowedException method) {
            return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Méthode non permise",
                    "Cette adresse accepte : " + method.getSupportedMethods().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ".");
        }
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return Problems.of(status, "not-found", "Adresse inconnue", "Rien n'est publié à cette adresse.");
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String type = known == null ? "http-" + status.value() : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Problems.of(status, type, known == null ? "Erreur " + status.value() : known.getReasonPhrase(),
                status.is5xxServerError() ? "Le service n'a pas pu répondre : réessayez plus tard." : "La demande n'a pas pu être traitée.");
    }

    private static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Demande incomplète ou invalide",
                errors.isEmpty() ? "La demande est invalide." : errors.get(0).field() + " : " + errors.get(0).message());
        return Problems.withErrors(problem, errors);
    }

    private static String mediaTypes(List<MediaType> types) {
        return types.isEmpty() ? "application/json"
                : types.stream().map(MediaType::toString).distinct().sorted().collect(Collectors.joining(" ou "));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
