package fr.numi.intake.privacy.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.privacy.application.CustomerExports;
import fr.numi.intake.privacy.application.CustomerExports.Export;
import fr.numi.intake.privacy.application.CustomerExports.ExportIncompleteException;
import fr.numi.intake.privacy.application.Erasures;
import fr.numi.intake.request.domain.Contact;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A person's export, the DPO's (role {@code DPO}, SecurityConfiguration): everything numi holds on them, every
 * service's part in one JSON document. An unknown customer id answers 200 with empty parts, as a known one would (no
 * oracle for who is a customer); a service that does not give its part makes the whole export a 503 naming it. The
 * DPO who knows the person by the contact they wrote from posts it instead ({@code POST /api/v1/privacy/exports}, the
 * erasure's body): the customer id is computed from it, never looked up, so the answer tells nobody who is a customer.
 */
@RestController
class ExportController {

    private final CustomerExports exports;
    private final Erasures erasures;

    ExportController(CustomerExports exports, Erasures erasures) {
        this.exports = exports;
        this.erasures = erasures;
    }

    @Operation(summary = "Everything numi holds on a person (right of access): every service's part, or 503 naming the services that did not answer")
    @GetMapping("/api/v1/privacy/customers/{customerId}")
    Mono<Export> export(
            @PathVariable @Pattern(regexp = "cus_[0-9a-f]{32}", message = "Un identifiant client est de la forme cus_ suivi de 32 chiffres hexadécimaux.")
                    String customerId,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return exports.of(customerId, authorization);
    }

    @Operation(summary = "The same export, the person named by the contact they wrote from or by their customer id (the erasure's body)")
    @PostMapping("/api/v1/privacy/exports")
    Mono<Export> exportOf(@Valid @RequestBody ErasureBody body, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String customerId = body.customerId() != null ? body.customerId()
                : erasures.customerIdOf(Contact.of(body.contact().kind(), body.contact().value()));
        return exports.of(customerId, authorization);
    }

    @ExceptionHandler(ExportIncompleteException.class)
    ResponseEntity<ProblemDetail> incomplete(ExportIncompleteException e) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "export-incomplete", "Export incomplet",
                "Ces services n'ont pas donné leur part des données de la personne : " + String.join(", ", e.services())
                        + ". Réessayez quand ils répondent : aucun export partiel n'est donné.");
        problem.setProperty("services", e.services());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }
}
