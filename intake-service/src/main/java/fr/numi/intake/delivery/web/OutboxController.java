package fr.numi.intake.delivery.web;

import fr.numi.contracts.problems.Problems.FieldError;
import fr.numi.contracts.problems.Problems;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.domain.Via;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/outbox?ticketId=...}: the messages of a ticket kept instead of sent, because the
 * provider has no credentials (the local run). With real credentials it stays empty. It exists only where
 * {@code numi.intake.delivery.outbox-api=true} (the local run sets it) and answers supervisors only
 * (SecurityConfiguration): it shows recipients and texts.
 */
@RestController
@ConditionalOnProperty(name = "numi.intake.delivery.outbox-api", havingValue = "true")
@RequestMapping("/api/v1/outbox")
class OutboxController {

    private static final String TICKET_ID = "^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$";

    private final DeliveryLog deliveries;

    OutboxController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @Operation(summary = "A ticket's messages kept instead of sent (no provider credentials: the local run)")
    @GetMapping
    Mono<ResponseEntity<?>> outbox(@RequestParam(name = "ticketId", required = false) String ticketId) {
        if (ticketId == null || !ticketId.matches(TICKET_ID)) {
            return Mono.just(Problems.respond(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request",
                            "Demande incomplète ou invalide", "Indiquez un numéro de dossier (ticketId=NUMI-XXXX-XXXX)."),
                    List.of(new FieldError("ticketId", "NUMI-XXXX-XXXX attendu")))));
        }
        return deliveries.outbox(ticketId)
                .map(e -> new OutboxMessage(e.notificationId(), e.ticketId(), e.kind(), e.via(), e.to(), e.text(), e.at()))
                .collectList()
                .map(messages -> ResponseEntity.ok(new Outbox(ticketId, messages)));
    }

    record Outbox(String ticketId, List<OutboxMessage> messages) {}

    record OutboxMessage(String notificationId, String ticketId, String kind, Via via, String to, String text, Instant at) {}
}
