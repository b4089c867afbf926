package fr.numi.urgency.emergency.web;

import fr.numi.urgency.emergency.application.NotAllowedException;
import fr.numi.urgency.emergency.application.PublicationFailedException;
import fr.numi.urgency.emergency.application.UnknownTicketException;
import fr.numi.urgency.emergency.application.UrgencyBusyException;
import fr.numi.urgency.emergency.application.UrgencyNotFoundException;
import fr.numi.urgency.emergency.domain.IncidentType;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal of the urgency API as RFC 9457 problem+json, in French for the agents. */
@RestControllerAdvice
class ProblemHandler {

    @ExceptionHandler(UnknownTicketException.class)
    ResponseEntity<ProblemDetail> unknownTicket(UnknownTicketException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "unknown-ticket", "Ticket inconnu",
                "Aucune demande reçue sous cette référence : impossible de joindre la personne."));
    }

    @ExceptionHandler(UrgencyNotFoundException.class)
    ResponseEntity<ProblemDetail> noUrgency(UrgencyNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "urgency-not-found", "Pas d'urgence cyber", "Ce ticket n'a pas d'urgence cyber."));
    }

    @ExceptionHandler(UnknownIncidentTypeException.class)
    ResponseEntity<ProblemDetail> unknownType(UnknownIncidentTypeException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "unknown-incident-type", "Type d'incident inconnu",
                "incidentType doit être l'un des types connus.");
        p.setProperty("allowed", Arrays.stream(IncidentType.values()).map(Enum::name).toList());
        return respond(p);
    }

    @ExceptionHandler(NotAllowedException.class)
    ResponseEntity<ProblemDetail> forbidden(NotAllowedException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Accès refusé", "Réservé au niveau 3 et aux superviseurs."));
    }

    @ExceptionHandler(UrgencyBusyException.class)
    ResponseEntity<ProblemDetail> busy(UrgencyBusyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1").body(problem(HttpStatus.CONFLICT, "urgency-busy",
                "Urgence en cours de traitement", "L'urgence est en train d'être déclarée ou modifiée : réessayez dans un instant."));
    }

    @ExceptionHandler(PublicationFailedException.class)
    ResponseEntity<ProblemDetail> unavailable(PublicationFailedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                "broker-unavailable", "Déclaration non transmise",
                "L'urgence est enregistrée mais le ticket n'a pas encore été prévenu : elle sera reprise automatiquement."));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide",
                errors.isEmpty() ? "Corps invalide." : errors.get(0).get("field") + " : " + errors.get(0).get("message"));
        p.setProperty("errors", errors);
        return respond(p);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Requête invalide", "Corps ou paramètre illisible."));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).body(p);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://numi.fr/problems/" + type));
        p.setTitle(title);
        return p;
    }
}
