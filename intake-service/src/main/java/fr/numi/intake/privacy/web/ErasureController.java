package fr.numi.intake.privacy.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.privacy.application.Erasures;
import fr.numi.intake.privacy.domain.Erasure;
import fr.numi.intake.request.domain.Contact;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The DPO's erasure requests (role {@code DPO}, SecurityConfiguration). {@code POST} answers 202 with the erasure and
 * its {@code Location} for a known person and an unknown one alike, so the answer tells nobody who is a customer; asked
 * again for the same person, it answers the same erasure. {@code GET} shows which services are done.
 */
@RestController
@RequestMapping("/api/v1/privacy/erasures")
class ErasureController {

    static final String PATH = "/api/v1/privacy/erasures/";

    private final Erasures erasures;

    ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /** An erasure as the DPO sees it: overall status and each service's part. */
    record ErasureView(String erasureId, String customerId, String status, Instant requestedAt, Instant completedAt, List<Part> services) {

        record Part(String service, String status, Instant completedAt) {}

        static ErasureView of(Erasure e) {
            return new ErasureView(e.erasureId(), e.customerId(), e.status().name(), e.requestedAt(), e.completedAt(),
                    e.parts().stream().map(p -> new Part(p.service(), p.status().name(), p.completedAt())).toList());
        }
    }

    @Operation(summary = "Erase a person (by contact or customer id) from every service: their key, then their data at rest")
    @PostMapping
    Mono<ResponseEntity<ErasureView>> request(@Valid @RequestBody ErasureBody body) {
        String customerId = body.customerId() != null ? body.customerId()
                : erasures.customerIdOf(Contact.of(body.contact().kind(), body.contact().value()));
        return erasures.request(customerId).map(e -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(PATH + e.erasureId())).body(ErasureView.of(e)));
    }

    @Operation(summary = "An erasure's status: PENDING until every service has erased its part, then COMPLETED")
    @GetMapping("/{erasureId}")
    Mono<ResponseEntity<ErasureView>> status(@PathVariable String erasureId) {
        return erasures.find(erasureId).map(e -> ResponseEntity.ok(ErasureView.of(e)))
                .switchIfEmpty(Mono.error(new UnknownErasureException()));
    }

    static final class UnknownErasureException extends RuntimeException {
        UnknownErasureException() {
            super("unknown erasure", null, false, false);
        }
    }

    @ExceptionHandler(UnknownErasureException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownErasureException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Demande d'effacement introuvable",
                "Aucune demande d'effacement ne porte cet identifiant."));
    }
}
