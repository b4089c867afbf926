package fr.numi.triage.qualification.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
class ProblemHandler {

    static final String TYPE_BASE = "https://numi.fr/problems/";

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

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Demande illisible",
                "Le corps de la demande n'est pas un JSON valide pour cet aperçu.");
        String field = fieldOf(e);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "valeur invalide")));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> mediaType(UnsupportedMediaTypeStatusException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Format non pris en charge",
                        "Envoyez la demande en application/json."));
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** The JSON path of the value Jackson could not read, e.g. {@code channel}. */
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
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }
}
