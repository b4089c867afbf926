package fr.numi.intake.request.web;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.BrokerUnavailableException;
import fr.numi.intake.request.application.IdempotencyConflictException;
import fr.numi.intake.request.domain.InvalidContactException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/** Every refusal as RFC 9457 problem+json, with the field at fault where there is one. */
@RestControllerAdvice
public class ProblemHandler {

    static final String TYPE_BASE = "https://numi.fr/problems/";

    private final IntakeProperties properties;

    ProblemHandler(IntakeProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Demande incomplète ou invalide",
                errors.isEmpty() ? "Le corps de la demande est invalide." : errors.get(0).get("message"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(InvalidContactException.class)
    ResponseEntity<ProblemDetail> invalidContact(InvalidContactException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Demande incomplète ou invalide", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", "contact." + e.field(), "message", e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        if (causedBy(e, DataBufferLimitException.class)) {
            return tooLarge();
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Demande illisible",
                "Le corps de la demande n'est pas un JSON valide pour ce formulaire.");
        String field = fieldOf(e);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "valeur invalide")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ProblemDetail> bufferLimit(DataBufferLimitException e) {
        return tooLarge();
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Format non pris en charge",
                        "Envoyez la demande en application/json."));
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerDown(BrokerUnavailableException e) {
        long seconds = properties.retryAfter().toSeconds();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", "Service momentanément indisponible",
                        "Votre demande n'a pas pu être enregistrée. Réessayez dans " + seconds + " secondes."));
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(IdempotencyConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, "idempotency-conflict", "Demande déjà reçue avec un autre contenu",
                        "Cette clé (Idempotency-Key) a déjà servi pour une demande différente : utilisez une nouvelle clé."));
    }

    ResponseEntity<ProblemDetail> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Demande trop volumineuse",
                        "La demande dépasse " + properties.maxBodyBytes() / 1024 + " Kio."));
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of the value Jackson could not read, e.g. {@code contact.kind}. */
    private static String fieldOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : databind.getPath()) {
                    if (ref.getPropertyName() != null) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
            if (t instanceof DecodingException && t.getCause() == null) {
                return null;
            }
        }
        return null;
    }
}
