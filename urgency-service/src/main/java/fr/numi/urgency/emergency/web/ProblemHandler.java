package fr.numi.urgency.emergency.web;

import fr.numi.contracts.problems.ProblemDetailsHandler;
import fr.numi.contracts.problems.Problems;
import fr.numi.contracts.problems.Problems.FieldError;
import fr.numi.urgency.emergency.application.NotAllowedException;
import fr.numi.urgency.emergency.application.PublicationFailedException;
import fr.numi.urgency.emergency.application.UnknownTicketException;
import fr.numi.urgency.emergency.application.UrgencyBusyException;
import fr.numi.urgency.emergency.application.UrgencyNotFoundException;
import fr.numi.urgency.emergency.domain.IncidentType;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every refusal of the urgency API as numi's RFC 9457 problem+json (contracts/http/problem.schema.json), in French for
 * the agents: the framework's own (invalid body, 405, 415, …) from {@link ProblemDetailsHandler}, the protocol's here.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemDetailsHandler {

    @ExceptionHandler(UnknownTicketException.class)
    ResponseEntity<ProblemDetail> unknownTicket(UnknownTicketException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "unknown-ticket", "Ticket inconnu",
                "Aucune demande reçue sous cette référence : impossible de joindre la personne."));
    }

    @ExceptionHandler(UrgencyNotFoundException.class)
    ResponseEntity<ProblemDetail> noUrgency(UrgencyNotFoundException e) {
        return Problems.respond(Problems.of(HttpStatus.NOT_FOUND, "urgency-not-found", "Pas d'urgence cyber",
                "Ce ticket n'a pas d'urgence cyber."));
    }

    @ExceptionHandler(UnknownIncidentTypeException.class)
    ResponseEntity<ProblemDetail> unknownType(UnknownIncidentTypeException e) {
        ProblemDetail p = Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "unknown-incident-type", "Type d'incident inconnu",
                        "incidentType doit être l'un des types connus."),
                List.of(new FieldError("incidentType", "doit être l'un des types connus (allowed)")));
        p.setProperty("allowed", Arrays.stream(IncidentType.values()).map(Enum::name).toList());
        return Problems.respond(p);
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> forbidden(NotAllowedException e) {
        return Problems.respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Accès refusé", "Réservé au niveau 3 et aux superviseurs."));
    }

    @ExceptionHandler(UrgencyBusyException.class)
    ResponseEntity<ProblemDetail> busy(UrgencyBusyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(Problems.of(HttpStatus.CONFLICT,
                "urgency-busy", "Urgence en cours de traitement",
                "L'urgence est en train d'être déclarée ou modifiée : réessayez dans un instant."));
    }

    @ExceptionHandler(PublicationFailedException.class)
    ResponseEntity<ProblemDetail> unavailable(PublicationFailedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Déclaration non transmise",
                "L'urgence est enregistrée mais le ticket n'a pas encore été prévenu : elle sera reprise automatiquement."));
    }
}
