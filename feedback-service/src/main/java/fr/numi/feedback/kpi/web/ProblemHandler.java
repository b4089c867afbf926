package fr.numi.feedback.kpi.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the KPI API as RFC 9457 problem+json. */
@RestControllerAdvice
class ProblemHandler {

    @ExceptionHandler({IllegalArgumentException.class, ServerWebInputException.class})
    ResponseEntity<ProblemDetail> invalid(Exception e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e instanceof IllegalArgumentException ? e.getMessage() : "Paramètre illisible.");
        p.setType(URI.create("https://numi.fr/problems/invalid-request"));
        p.setTitle("Requête invalide");
        return ResponseEntity.badRequest().body(p);
    }
}
