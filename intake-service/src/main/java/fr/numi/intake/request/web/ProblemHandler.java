package fr.numi.intake.request.web;

import fr.numi.contracts.problems.ProblemDetailsHandler;
import fr.numi.contracts.problems.Problems.FieldError;
import fr.numi.contracts.problems.Problems;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.BrokerUnavailableException;
import fr.numi.intake.request.application.IdempotencyConflictException;
import fr.numi.intake.request.domain.InvalidContactException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of intake's API as numi's RFC 9457 problem+json (contracts/http/problem.schema.json): the framework's
 * own (unreadable or invalid body, 404, 405, 415, too large) from {@link ProblemDetailsHandler}, intake's here: a
 * contact that cannot reach the person (400 naming {@code contact.*}), the broker away (503 with Retry-After), an
 * Idempotency-Key reused for another request (409).
 */
@RestControllerAdvice
class ProblemHandler extends ProblemDetailsHandler {

    private final IntakeProperties properties;

    ProblemHandler(IntakeProperties properties) {
        this.properties = properties;
    }

    /** 413, also written by {@link BodySizeLimit} when the declared length is over the cap. */
    static ProblemDetail tooLarge(int maxBodyBytes) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Demande trop volumineuse",
                "La demande dépasse " + maxBodyBytes / 1024 + " Kio.");
    }

    @Override
    protected ProblemDetail tooLargeProblem() {
        return tooLarge(properties.maxBodyBytes());
    }

    @ExceptionHandler(InvalidContactException.class)
    ResponseEntity<ProblemDetail> invalidContact(InvalidContactException e) {
        return Problems.respond(Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Demande incomplète ou invalide", e.getMessage()),
                List.of(new FieldError("contact." + e.field(), e.getMessage()))));
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerDown(BrokerUnavailableException e) {
        long seconds = properties.retryAfter().toSeconds();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", "Service momentanément indisponible",
                        "Votre demande n'a pas pu être enregistrée. Réessayez dans " + seconds + " secondes."));
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(IdempotencyConflictException e) {
        return Problems.respond(Problems.of(HttpStatus.CONFLICT, "idempotency-conflict", "Demande déjà reçue avec un autre contenu",
                "Cette clé (Idempotency-Key) a déjà servi pour une demande différente : utilisez une nouvelle clé."));
    }
}
