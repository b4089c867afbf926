package fr.numi.ticket.ticket.web;

import fr.numi.ticket.security.Agents;
import fr.numi.ticket.ticket.application.AgentDesk;
import fr.numi.ticket.ticket.domain.Agent;
import fr.numi.ticket.ticket.domain.Ticket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The agents' desk API (JWT). Level checks are made per ticket by {@link AgentDesk}. */
@RestController
@RequestMapping("/api/v1/agent")
class AgentController {

    record TextBody(@NotBlank @Size(max = 5000) String text) {}

    record OptionalTextBody(@Size(max = 5000) String text) {}

    record EscalationBody(@NotNull @Min(2) @Max(3) Integer level, @NotBlank @Size(max = 1000) String reason) {}

    record MergeBody(@NotBlank @Pattern(regexp = "^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$") String ticketId) {}

    record SplitBody(@NotBlank @Size(max = 300) String messageId, @Min(1) @Max(3) Integer level) {}

    record TriageBody(@NotNull @Min(1) @Max(3) Integer level, @Pattern(regexp = "^[a-z][a-z0-9-]*$") @Size(max = 100) String category,
            @NotNull @Pattern(regexp = "^(NONE|SUSPECTED|EMERGENCY)$") String cyberTier) {}

    private final AgentDesk desk;

    AgentController(AgentDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/queues/{level}")
    Mono<List<AgentTicketView.QueueItem>> queue(@AuthenticationPrincipal Jwt jwt, @PathVariable int level) {
        return call(() -> desk.queue(agent(jwt), level).stream().map(AgentTicketView.QueueItem::of).toList());
    }

    @PostMapping("/queues/{level}/claim")
    Mono<ResponseEntity<AgentTicketView>> claimNext(@AuthenticationPrincipal Jwt jwt, @PathVariable int level) {
        return call(() -> desk.claimNext(agent(jwt), level)
                .map(t -> ResponseEntity.ok(AgentTicketView.of(t)))
                .orElseGet(() -> ResponseEntity.noContent().build()));
    }

    @GetMapping("/tickets/{id}")
    Mono<AgentTicketView> ticket(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return view(() -> desk.ticket(agent(jwt), id));
    }

    @PostMapping("/tickets/{id}/claim")
    Mono<AgentTicketView> claim(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return view(() -> desk.claim(agent(jwt), id));
    }

    @PostMapping("/tickets/{id}/replies")
    Mono<AgentTicketView> reply(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody TextBody body) {
        return view(() -> desk.reply(agent(jwt), id, body.text().strip()));
    }

    @PostMapping("/tickets/{id}/notes")
    Mono<AgentTicketView> note(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody TextBody body) {
        return view(() -> desk.note(agent(jwt), id, body.text().strip()));
    }

    @PostMapping("/tickets/{id}/escalations")
    Mono<AgentTicketView> escalate(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody EscalationBody body) {
        return view(() -> desk.escalate(agent(jwt), id, body.level(), body.reason().strip()));
    }

    @PostMapping("/tickets/{id}/wait")
    Mono<AgentTicketView> waitForPerson(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.waitForPerson(agent(jwt), id, body.text()));
    }

    @PostMapping("/tickets/{id}/resume")
    Mono<AgentTicketView> resume(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return view(() -> desk.resume(agent(jwt), id));
    }

    @PostMapping("/tickets/{id}/resolve")
    Mono<AgentTicketView> resolve(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.resolve(agent(jwt), id, body.text()));
    }

    @PostMapping("/tickets/{id}/close")
    Mono<AgentTicketView> close(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return view(() -> desk.close(agent(jwt), id));
    }

    @PostMapping("/tickets/{id}/reopen")
    Mono<AgentTicketView> reopen(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.reopen(agent(jwt), id, body.text()));
    }

    /** Tickets triage was not sure about (needsReview), for an agent to check and correct. */
    @GetMapping("/review")
    Mono<List<AgentTicketView.QueueItem>> review(@AuthenticationPrincipal Jwt jwt) {
        return call(() -> desk.toReview(agent(jwt)).stream().map(AgentTicketView.QueueItem::of).toList());
    }

    /** Corrects triage (level, category, cyber tier); published as labelled data for the next training. */
    @PostMapping("/tickets/{id}/triage")
    Mono<AgentTicketView> correctTriage(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody TriageBody body) {
        return view(() -> desk.correctTriage(agent(jwt), id, body.level(), body.category(), body.cyberTier()));
    }

    /** Merges the ticket named in the body into this one (the same person wrote twice). */
    @PostMapping("/tickets/{id}/merge")
    Mono<AgentTicketView> merge(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody MergeBody body) {
        return view(() -> desk.merge(agent(jwt), id, body.ticketId()));
    }

    /** Takes one of the person's messages out into a ticket of its own; answers with that new ticket. */
    @PostMapping("/tickets/{id}/split")
    Mono<AgentTicketView> split(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody SplitBody body) {
        return call(() -> {
            Agent agent = agent(jwt);
            int level = body.level() != null ? body.level() : desk.ticket(agent, id).level() == null ? 1 : desk.ticket(agent, id).level();
            return desk.split(agent, id, body.messageId(), level);
        }).map(AgentTicketView::of);
    }

    private static Agent agent(Jwt jwt) {
        return Agents.from(jwt).orElseThrow(() -> new AccessDeniedException("no agent role in token"));
    }

    private static Mono<AgentTicketView> view(Callable<Ticket> action) {
        return call(action).map(AgentTicketView::of);
    }

    /** The desk blocks on the store: keep it off the event loop. */
    private static <T> Mono<T> call(Callable<T> action) {
        return Mono.fromCallable(action).subscribeOn(Schedulers.boundedElastic());
    }
}
