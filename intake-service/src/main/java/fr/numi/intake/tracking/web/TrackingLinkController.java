package fr.numi.intake.tracking.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.tracking.application.ActOnTrackingLink;
import fr.numi.intake.tracking.application.NotYoursException;
import fr.numi.intake.tracking.application.VerificationRefusedException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the person does from their tracking page with the token of their link: write on the ticket,
 * and prove the contact they typed (a code sent to it). An unknown or malformed token gets the same
 * 404, with no hint whether a ticket exists.
 */
@RestController
@RequestMapping("/api/v1/tracking/{token}")
class TrackingLinkController {

    private final ActOnTrackingLink act;

    TrackingLinkController(ActOnTrackingLink act) {
        this.act = act;
    }

    record MessageBody(
            @NotBlank(message = "Écrivez votre message.") @Size(max = 5000, message = "Votre message est trop long (5 000 caractères au plus).")
                    String text) {}

    record CodeBody(@NotBlank(message = "Entrez le code reçu.") @Size(max = 20) String code) {}

    record Accepted(String ticketId, String status, String message) {}

    /** 202 once the message is in Kafka, with the reference of the ticket of the token, which it joins. */
    @Operation(summary = "The person writes on their ticket from the tracking page")
    @PostMapping("/messages")
    Mono<ResponseEntity<Accepted>> write(@PathVariable String token, @Valid @RequestBody MessageBody body) {
        return act.write(token, body.text().strip())
                .map(ticketId -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new Accepted(ticketId, "RECEIVED", "Votre message est bien reçu : il rejoint votre demande.")));
    }

    /** 202: a code is on its way to the contact of the request. */
    @Operation(summary = "A code is sent to the contact the person typed")
    @PostMapping("/verification")
    Mono<ResponseEntity<Accepted>> sendCode(@PathVariable String token) {
        return act.sendCode(token).thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(null, "CODE_SENT", "Un code vient de vous être envoyé. Il est valable 10 minutes.")));
    }

    /** 200 when the code is right (the contact is now proven); 400 wrong or expired; 429 too many tries. */
    @Operation(summary = "The person gives the code: their contact is proven")
    @PostMapping("/verification/check")
    Mono<ResponseEntity<Accepted>> checkCode(@PathVariable String token, @Valid @RequestBody CodeBody body) {
        return act.checkCode(token, body.code())
                .thenReturn(ResponseEntity.ok(new Accepted(null, "VERIFIED",
                        "Merci, votre contact est vérifié : nos réponses vous arriveront aussi par là.")));
    }

    @ExceptionHandler(NotYoursException.class)
    ResponseEntity<ProblemDetail> unknown(NotYoursException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Dossier introuvable",
                "Aucune demande ne correspond à ce lien de suivi."));
    }

    @ExceptionHandler(VerificationRefusedException.class)
    ResponseEntity<ProblemDetail> refused(VerificationRefusedException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = Problems.of(status, e.type(), "Vérification refusée", e.getMessage());
        if (e.triesLeft() != null) {
            problem.setProperty("triesLeft", e.triesLeft());
        }
        var answer = ResponseEntity.status(status);
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            answer.header(HttpHeaders.RETRY_AFTER, "3600");
        }
        return answer.body(problem);
    }
}
