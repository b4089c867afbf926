package fr.numi.urgency.emergency.web;

import fr.numi.contracts.security.AgentTokens;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.Outcome;
import fr.numi.urgency.emergency.application.CyberUrgencyProtocol.Result;
import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import fr.numi.urgency.emergency.application.NotAllowedException;
import fr.numi.urgency.emergency.domain.Agent;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.emergency.domain.Urgency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The agents' urgency API (JWT). Any agent or supervisor may declare an urgency; reading one and
 * revising its incident type is for level 3 and supervisors.
 */
@RestController
@RequestMapping("/api/v1/urgencies")
class UrgencyController {

    static final String TICKET_ID = "^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$";

    /** @param incidentType optional: inferred from the request's text when absent */
    record DeclarationBody(@NotBlank @Pattern(regexp = TICKET_ID) String ticketId, String incidentType) {}

    record RevisionBody(@NotBlank String incidentType) {}

    private final CyberUrgencyProtocol protocol;
    private final DeliveryOutcomes deliveries;
    private final Playbook playbook;

    UrgencyController(CyberUrgencyProtocol protocol, DeliveryOutcomes deliveries, Playbook playbook) {
        this.protocol = protocol;
        this.deliveries = deliveries;
        this.playbook = playbook;
    }

    @PostMapping
    Mono<ResponseEntity<UrgencyView>> declare(Authentication token, @Valid @RequestBody DeclarationBody body) {
        IncidentType type = body.incidentType() == null || body.incidentType().isBlank() ? null : incidentType(body.incidentType());
        return call(() -> {
            Outcome outcome = protocol.declaredByAgent(agent(token), body.ticketId(), type);
            UrgencyView view = view(outcome.urgency());
            return outcome.result() == Result.NEW
                    ? ResponseEntity.created(URI.create("/api/v1/urgencies/" + body.ticketId())).body(view)
                    : ResponseEntity.status(HttpStatus.OK).body(view);
        });
    }

    @GetMapping("/{ticketId}")
    Mono<UrgencyView> read(Authentication token, @PathVariable String ticketId) {
        return call(() -> view(protocol.read(agent(token), ticketId)));
    }

    @PutMapping("/{ticketId}/incident-type")
    Mono<UrgencyView> revise(Authentication token, @PathVariable String ticketId, @Valid @RequestBody RevisionBody body) {
        IncidentType type = incidentType(body.incidentType());
        return call(() -> view(protocol.revise(agent(token), ticketId, type)));
    }

    /** The urgency with what intake reported of its current messages. */
    private UrgencyView view(Urgency urgency) {
        return UrgencyView.of(urgency, playbook, deliveries.of(urgency));
    }

    private static IncidentType incidentType(String value) {
        try {
            return IncidentType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new UnknownIncidentTypeException(value);
        }
    }

    /** The agent a token names ({@link AgentTokens}): its id, its highest level, whether it supervises. */
    private static Agent agent(Authentication token) {
        int level = AgentTokens.level(token);
        if (level == 0) {
            throw new NotAllowedException("the token carries no agent role");
        }
        return new Agent(token.getName(), level, AgentTokens.supervisor(token));
    }

    /** The use cases block (store, broker): run them off the event loop. */
    private static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
