package fr.numi.feedback.kpi.web;

import fr.numi.contracts.problems.ProblemDetailsHandler;
import fr.numi.contracts.problems.Problems;
import fr.numi.contracts.problems.Problems.FieldError;
import fr.numi.feedback.kpi.domain.InvalidKpiQueryException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the KPI API as numi's RFC 9457 problem+json (contracts/http/problem.schema.json): a question that
 * cannot be answered names its parameter; the framework's own errors (404, 405, 406) come from
 * {@link ProblemDetailsHandler}.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemDetailsHandler {

    @ExceptionHandler(InvalidKpiQueryException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidKpiQueryException e) {
        return Problems.respond(Problems.withErrors(
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide", e.getMessage()),
                List.of(new FieldError(e.field(), e.getMessage()))));
    }
}
