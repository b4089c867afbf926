package fr.numi.ticket.web;

import fr.numi.ticket.application.TrackTicket;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The person's view of their ticket, reached through the private tracking link. */
@RestController
@RequestMapping("/api/v1/tracking")
class TrackingController {

    private final TrackTicket trackTicket;

    TrackingController(TrackTicket trackTicket) {
        this.trackTicket = trackTicket;
    }

    @GetMapping("/{token}")
    Mono<ResponseEntity<Object>> track(@PathVariable String token) {
        return trackTicket.byToken(token)
                .map(ticket -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).<Object>body(TrackingView.of(ticket)))
                .defaultIfEmpty(notFound());
    }

    /** Same answer for a malformed, unknown or not-yet-visible token: no hint whether a ticket exists. */
    private static ResponseEntity<Object> notFound() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Aucune demande ne correspond à ce lien de suivi. Vérifiez le lien reçu, ou réessayez dans un instant si vous venez d'envoyer votre demande.");
        problem.setType(URI.create("https://numi.fr/problems/tracking-not-found"));
        problem.setTitle("Suivi introuvable");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).body(problem);
    }
}
