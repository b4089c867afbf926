package fr.numi.intake.feedback.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.feedback.application.ReceiveFeedback;
import fr.numi.intake.feedback.application.UnknownTicketException;
import fr.numi.intake.request.application.IdempotencyConflictException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/feedback}: the web rating form. The tracking token proves the person holds the
 * ticket; an unknown ticket or a wrong token get the same 404, with no hint of which.
 */
@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    private final ReceiveFeedback receive;

    FeedbackController(ReceiveFeedback receive) {
        this.receive = receive;
    }

    record Thanks(String ticketId, String status, String message) {}

    @Operation(summary = "The person's rating and comment from the web form, proved by the tracking token")
    @PostMapping
    Mono<ResponseEntity<Thanks>> rate(@Valid @RequestBody FeedbackBody body) {
        String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
        return receive.fromWeb(body.ticketId(), body.trackingToken(), body.rating(), comment)
                .map(replayed -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new Thanks(body.ticketId(), "RECEIVED", "Merci pour votre avis : il nous aide à mieux vous aider.")));
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> alreadyRated(IdempotencyConflictException e) {
        return Problems.respond(Problems.of(HttpStatus.CONFLICT, "already-rated", "Avis déjà donné",
                "Vous avez déjà donné votre avis sur ce dossier : merci !"));
    }

    @ExceptionHandler(UnknownTicketException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownTicketException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Dossier introuvable",
                "Aucun dossier ne correspond à ce lien de suivi."));
    }
}
