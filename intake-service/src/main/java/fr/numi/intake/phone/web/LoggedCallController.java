package fr.numi.intake.phone.web;

import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.IncomingRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/agent/calls} (agents' JWT): an agent logs by hand a call they took (no PBX
 * bridge, a call back). It becomes a request held by that agent: the ticket opens in progress, the
 * call as its first response, so a problem solved on the phone counts. The agent spoke with the person
 * on that number: the contact is taken as proven.
 */
@RestController
@RequestMapping("/api/v1/agent/calls")
@SecurityRequirement(name = "agent")
class LoggedCallController {

    private final SubmitRequest submitRequest;

    LoggedCallController(SubmitRequest submitRequest) {
        this.submitRequest = submitRequest;
    }

    record LoggedCall(
            @NotBlank(message = "Indiquez le numéro de la personne.") @Size(max = 40) String phone,
            @Size(max = 200) String name,
            @NotBlank(message = "Résumez l'appel en quelques mots.") @Size(max = 20000) String summary) {}

    record Logged(String ticketId, String status) {}

    @Operation(summary = "An agent logs a call they took: it becomes a ticket they hold")
    @PostMapping
    Mono<ResponseEntity<Logged>> log(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody LoggedCall call) {
        Contact contact = Contact.of(Contact.Kind.PHONE, call.phone());
        IncomingRequest request = IncomingRequest.proven(Channel.PHONE, contact, call.name() == null || call.name().isBlank() ? null
                : call.name().strip(), "appel", "Appel noté par le conseiller : " + call.summary().strip(), false, List.of())
                .answeredBy(jwt.getSubject());
        return submitRequest.submit(request)
                .map(receipt -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new Logged(receipt.ticketId(), "RECEIVED")));
    }
}
