package fr.numi.ticket.ticket.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.ticket.ticket.application.TrackTicket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The person's view of their ticket, reached through the private tracking link. */
@RestController
@RequestMapping("/api/v1/tracking")
class TrackingController {

    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final TrackTicket trackTicket;
    private final TrackingStreams streams;
    private final Clock clock;

    TrackingController(TrackTicket trackTicket, TrackingStreams streams, Clock clock) {
        this.trackTicket = trackTicket;
        this.streams = streams;
        this.clock = clock;
    }

    /** The person's answer to « Est-ce réglé ? »: yes closes the ticket, no reopens it. */
    record ResolutionAnswer(@NotNull(message = "Répondez oui ou non.") Boolean solved) {}

    @Operation(summary = "The person's view of their ticket (the token of their tracking link is the secret)")
    @ApiResponse(responseCode = "200", description = "the ticket as the person sees it",
            content = @Content(schema = @Schema(implementation = TrackingView.class)))
    @GetMapping("/{token}")
    Mono<ResponseEntity<Object>> track(@PathVariable String token) {
        return trackTicket.byToken(token)
                .map(ticket -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).<Object>body(TrackingView.of(ticket, clock.instant())))
                .defaultIfEmpty(notFound());
    }

    /**
     * « Est-ce réglé ? » answered on the tracking page. 200 with the new view; 404 for an unknown token;
     * 409 when the ticket is not waiting for that answer (already answered, or not resolved).
     */
    @Operation(summary = "The person answers « Est-ce réglé ? »: yes closes the ticket, no reopens it")
    @ApiResponse(responseCode = "200", description = "the ticket as the person sees it",
            content = @Content(schema = @Schema(implementation = TrackingView.class)))
    @PostMapping("/{token}/resolution")
    Mono<ResponseEntity<Object>> answerResolution(@PathVariable String token, @Valid @RequestBody ResolutionAnswer answer) {
        return trackTicket.answerResolution(token, answer.solved())
                .map(ticket -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).<Object>body(TrackingView.of(ticket, clock.instant())))
                .defaultIfEmpty(notFound());
    }

    /**
     * The same view as a server-sent event stream: the current state at once, then one event per
     * change ({@code event: ticket}, {@code id} = the ticket's version), and a comment every 20 s to
     * keep proxies from closing the connection. A client that reconnects gets the current state again.
     */
    @Operation(summary = "The same view as server-sent events: the current state, then one ticket event (id = version) per change")
    @GetMapping(path = "/{token}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> events(@PathVariable String token) {
        return trackTicket.byToken(token)
                .map(ticket -> {
                    Flux<ServerSentEvent<Object>> updates = streams.watch(ticket.id())
                            .concatMap(id -> trackTicket.byToken(token))
                            .startWith(ticket)
                            .map(t -> TrackingView.of(t, clock.instant()))
                            .distinctUntilChanged(TrackingView::version)
                            .map(view -> ServerSentEvent.<Object>builder(view).event("ticket").id(Integer.toString(view.version())).build());
                    Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(HEARTBEAT)
                            .map(i -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Flux.merge(updates, heartbeat));
                })
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    /** Same answer for a malformed, unknown or not-yet-visible token: no hint whether a ticket exists. */
    private static ResponseEntity<Object> notFound() {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "tracking-not-found", "Suivi introuvable",
                "Aucune demande ne correspond à ce lien de suivi. Vérifiez le lien reçu, ou réessayez dans un instant si vous venez"
                        + " d'envoyer votre demande.");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).body(problem);
    }
}
