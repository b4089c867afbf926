package fr.numi.ticket.ticket.web;

import fr.numi.ticket.ticket.application.LevelNotAllowedException;
import fr.numi.ticket.ticket.application.TicketNotFoundException;
import fr.numi.ticket.ticket.domain.IllegalTransitionException;
import fr.numi.ticket.ticket.domain.NoWrittenChannelException;
import fr.numi.ticket.ticket.domain.NotAssignedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the agent API as RFC 9457 problem+json. */
@RestControllerAdvice
class ProblemHandler {

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegal(IllegalTransitionException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "illegal-transition", "Action impossible dans cet état", e.getMessage());
        p.setProperty("currentStatus", e.current() == null ? null : e.current().name());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }

    @ExceptionHandler(NotAssignedException.class)
    ResponseEntity<ProblemDetail> notAssigned(NotAssignedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "not-assigned", "Ticket non attribué à cet agent", e.getMessage()));
    }

    /** An answer that would reach nobody: refused, with the number to call back (the agent's own screen only). */
    @ExceptionHandler(NoWrittenChannelException.class)
    ResponseEntity<ProblemDetail> noWrittenChannel(NoWrittenChannelException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "no-written-channel", "La personne ne peut pas recevoir de message écrit",
                e.callBack() == null
                        ? "Aucun moyen de lui écrire (ni WhatsApp, ni SMS, ni e-mail, ni page de suivi) : la réponse n'est pas envoyée."
                        : "Elle a appelé d'un numéro qui ne reçoit pas de SMS : rappelez-la au " + e.callBack() + ".");
        p.setProperty("callBack", e.callBack());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }

    @ExceptionHandler(TicketNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(TicketNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket introuvable", "Aucun ticket accessible sous cette référence."));
    }

    @ExceptionHandler({LevelNotAllowedException.class, AccessDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "forbidden", "Accès refusé", e.getMessage()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide",
                errors.isEmpty() ? "Corps invalide." : errors.get(0).get("field") + " : " + errors.get(0).get("message"));
        p.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler({ServerWebInputException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide",
                e instanceof ServerWebInputException ? "Corps ou paramètre illisible." : e.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://numi.fr/problems/" + type));
        p.setTitle(title);
        return p;
    }
}
