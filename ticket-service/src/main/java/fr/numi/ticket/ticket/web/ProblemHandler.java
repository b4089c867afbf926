package fr.numi.ticket.ticket.web;

import fr.numi.contracts.problems.ProblemDetailsHandler;
import fr.numi.contracts.problems.Problems;
import fr.numi.ticket.ticket.application.LevelNotAllowedException;
import fr.numi.ticket.ticket.application.TicketNotFoundException;
import fr.numi.ticket.ticket.domain.IllegalTransitionException;
import fr.numi.ticket.ticket.domain.NoWrittenChannelException;
import fr.numi.ticket.ticket.domain.NotAssignedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the agents' desk and of the tracking API as numi's RFC 9457 problem+json
 * (contracts/http/problem.schema.json): the framework's own (unreadable or invalid body, 404, 405, 415, …) from
 * {@link ProblemDetailsHandler}, the desk's here: a ticket the agent may not see, an action the ticket's state or its
 * assignee refuses, an answer that would reach nobody, a queue above the agent's level, a request the ticket's rules
 * refuse.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemDetailsHandler {

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegal(IllegalTransitionException e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "illegal-transition", "Action impossible dans cet état", e.getMessage());
        p.setProperty("currentStatus", e.current() == null ? null : e.current().name());
        return Problems.respond(p);
    }

    @ExceptionHandler(NotAssignedException.class)
    ResponseEntity<ProblemDetail> notAssigned(NotAssignedException e) {
        return Problems.respond(Problems.of(HttpStatus.CONFLICT, "not-assigned", "Ticket non attribué à cet agent", e.getMessage()));
    }

    /** An answer that would reach nobody: refused, with the number to call back (the agent's own screen only). */
    @ExceptionHandler(NoWrittenChannelException.class)
    ResponseEntity<ProblemDetail> noWrittenChannel(NoWrittenChannelException e) {
        ProblemDetail p = Problems.of(HttpStatus.CONFLICT, "no-written-channel", "La personne ne peut pas recevoir de message écrit",
                e.callBack() == null
                        ? "Aucun moyen de lui écrire (ni WhatsApp, ni SMS, ni e-mail, ni page de suivi) : la réponse n'est pas envoyée."
                        : "Elle a appelé d'un numéro qui ne reçoit pas de SMS : rappelez-la au " + e.callBack() + ".");
        p.setProperty("callBack", e.callBack());
        return Problems.respond(p);
    }

    @ExceptionHandler(TicketNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(TicketNotFoundException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket introuvable",
                "Aucun ticket accessible sous cette référence."));
    }

    @ExceptionHandler(LevelNotAllowedException.class)
    ResponseEntity<ProblemDetail> forbidden(LevelNotAllowedException e) {
        return Problems.respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Accès refusé", e.getMessage()));
    }

    /**
     * What the ticket's rules refuse in a well-formed request (merge a ticket into itself, split out its only message,
     * escalate downwards, a level that does not exist): the domain says it with {@link IllegalArgumentException}.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> refused(IllegalArgumentException e) {
        return Problems.respond(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide", e.getMessage()));
    }
}
