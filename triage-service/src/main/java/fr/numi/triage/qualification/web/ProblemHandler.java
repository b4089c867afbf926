package fr.numi.triage.qualification.web;

import fr.numi.contracts.problems.ProblemDetailsHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal as numi's RFC 9457 problem+json (contracts/http/problem.schema.json): the preview has no error of its
 * own, so Spring's framework errors (invalid or unreadable body with the field at fault, 404, 405, 415) are all.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemDetailsHandler {}
