package fr.numi.ticket.ticket.web;

import fr.numi.contracts.security.AgentTokens;
import fr.numi.contracts.triage.Categories;
import fr.numi.ticket.ticket.application.AgentDesk;
import fr.numi.ticket.ticket.domain.Agent;
import fr.numi.ticket.ticket.domain.Ticket;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The agents' desk API (JWT). Level checks are made per ticket by {@link AgentDesk}. */
@RestController
@RequestMapping("/api/v1/agent")
@SecurityRequirement(name = "agent")
class AgentController {

    /** The queue's answer header: how many tickets wait on the level in all (the body holds the first ones). */
    static final String WAITING = "X-Total-Count";

    record TextBody(@NotBlank @Size(max = 5000) String text) {}

    record OptionalTextBody(@Size(max = 5000) String text) {}

    record EscalationBody(@NotNull @Min(2) @Max(3) Integer level, @NotBlank @Size(max = 1000) String reason) {}

    record MergeBody(@NotBlank @Pattern(regexp = "^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$") String ticketId) {}

    record SplitBody(@NotBlank @Size(max = 300) String messageId, @Min(1) @Max(3) Integer level) {}

    record TriageBody(@NotNull @Min(1) @Max(3) Integer level, @Pattern(regexp = "^[a-z][a-z0-9-]*$") @Size(max = 100) String category,
            @NotNull @Pattern(regexp = "^(NONE|SUSPECTED|EMERGENCY)$") String cyberTier) {}

    private final AgentDesk desk;
    private final Clock clock;

    AgentController(AgentDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @Operation(summary = "The first tickets waiting on a level's queue (limit, 100 by default), most urgent first (cyber, urgency, then oldest); "
            + "how many wait in all in the header " + WAITING)
    @GetMapping("/queues/{level}")
    Mono<ResponseEntity<List<AgentTicketView.QueueItem>>> queue(Authentication authentication, @PathVariable int level,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return call(() -> {
            AgentDesk.Queue queue = desk.queue(agent(authentication), level, limit);
            return ResponseEntity.ok().header(WAITING, String.valueOf(queue.waiting())).body(items(queue.first()));
        });
    }

    @Operation(summary = "The categories of situation the hotline knows (id, French label, default level): what a triage correction may name")
    @GetMapping("/categories")
    List<Categories.Category> categories() {
        return Categories.french().all();
    }

    @Operation(summary = "Claim the first ticket of the queue (two agents never get the same one); 204 when the queue is empty")
    @PostMapping("/queues/{level}/claim")
    Mono<ResponseEntity<AgentTicketView>> claimNext(Authentication authentication, @PathVariable int level) {
        return call(() -> desk.claimNext(agent(authentication), level)
                .map(t -> ResponseEntity.ok(AgentTicketView.of(t, clock.instant())))
                .orElseGet(() -> ResponseEntity.noContent().build()));
    }

    @Operation(summary = "A ticket with the person (name, contacts, reply route), the whole conversation and triage's reasons; a ticket above the agent's level answers 404")
    @GetMapping("/tickets/{id}")
    Mono<AgentTicketView> ticket(Authentication authentication, @PathVariable String id) {
        return view(() -> desk.ticket(agent(authentication), id));
    }

    @Operation(summary = "Claim this ticket")
    @PostMapping("/tickets/{id}/claim")
    Mono<AgentTicketView> claim(Authentication authentication, @PathVariable String id) {
        return view(() -> desk.claim(agent(authentication), id));
    }

    @Operation(summary = "Answer the person on their channel (the first answer stops the first-response clock); 409 no-written-channel, with the number to call back, when they left no way to be written to")
    @PostMapping("/tickets/{id}/replies")
    Mono<AgentTicketView> reply(Authentication authentication, @PathVariable String id, @Valid @RequestBody TextBody body) {
        return view(() -> desk.reply(agent(authentication), id, body.text().strip()));
    }

    @Operation(summary = "An internal note, for agents only")
    @PostMapping("/tickets/{id}/notes")
    Mono<AgentTicketView> note(Authentication authentication, @PathVariable String id, @Valid @RequestBody TextBody body) {
        return view(() -> desk.note(agent(authentication), id, body.text().strip()));
    }

    @Operation(summary = "Send the ticket up to a higher level with a reason (back on that level's queue)")
    @PostMapping("/tickets/{id}/escalations")
    Mono<AgentTicketView> escalate(Authentication authentication, @PathVariable String id, @Valid @RequestBody EscalationBody body) {
        return view(() -> desk.escalate(agent(authentication), id, body.level(), body.reason().strip()));
    }

    @Operation(summary = "Wait for the person (an optional question is sent to them); pauses the first-response clock")
    @PostMapping("/tickets/{id}/wait")
    Mono<AgentTicketView> waitForPerson(Authentication authentication, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.waitForPerson(agent(authentication), id, body.text()));
    }

    @Operation(summary = "Resume work without an answer from the person")
    @PostMapping("/tickets/{id}/resume")
    Mono<AgentTicketView> resume(Authentication authentication, @PathVariable String id) {
        return view(() -> desk.resume(agent(authentication), id));
    }

    @Operation(summary = "Resolve (an optional summary is sent to the person, who is asked « Est-ce réglé ? »)")
    @PostMapping("/tickets/{id}/resolve")
    Mono<AgentTicketView> resolve(Authentication authentication, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.resolve(agent(authentication), id, body.text()));
    }

    @Operation(summary = "Close a resolved ticket")
    @PostMapping("/tickets/{id}/close")
    Mono<AgentTicketView> close(Authentication authentication, @PathVariable String id) {
        return view(() -> desk.close(agent(authentication), id));
    }

    @Operation(summary = "Reopen a resolved or closed ticket (back on its queue)")
    @PostMapping("/tickets/{id}/reopen")
    Mono<AgentTicketView> reopen(Authentication authentication, @PathVariable String id, @Valid @RequestBody OptionalTextBody body) {
        return view(() -> desk.reopen(agent(authentication), id, body.text()));
    }

    /** Tickets triage was not sure about (needsReview), for an agent to check and correct. */
    @Operation(summary = "Tickets triage was not sure about (needsReview), up to the agent's level, for a human to check")
    @GetMapping("/review")
    Mono<List<AgentTicketView.QueueItem>> review(Authentication authentication) {
        return call(() -> items(desk.toReview(agent(authentication))));
    }

    /** Corrects triage (level, category, cyber tier); published as labelled data for the next training. */
    @Operation(summary = "Correct triage (level up or down, category, cyber tier NONE, SUSPECTED or EMERGENCY); published on ticket.triage-corrected.v1 for triage's next training")
    @PostMapping("/tickets/{id}/triage")
    Mono<AgentTicketView> correctTriage(Authentication authentication, @PathVariable String id, @Valid @RequestBody TriageBody body) {
        return view(() -> desk.correctTriage(agent(authentication), id, body.level(), body.category(), body.cyberTier()));
    }

    /** Merges the ticket named in the body into this one (the same person wrote twice). */
    @Operation(summary = "Merge the ticket named in the body into this one (the same person wrote twice): the other becomes MERGED, its messages join this one, its tracking link follows only for the same proven person")
    @PostMapping("/tickets/{id}/merge")
    Mono<AgentTicketView> merge(Authentication authentication, @PathVariable String id, @Valid @RequestBody MergeBody body) {
        return view(() -> desk.merge(agent(authentication), id, body.ticketId()));
    }

    /** Takes one of the person's messages out into a ticket of its own; answers with that new ticket. */
    @Operation(summary = "Take one of the person's messages (by its id) out into a ticket of its own, with its tracking link, queued at the level given (default this ticket's); answers with the new ticket")
    @PostMapping("/tickets/{id}/split")
    Mono<AgentTicketView> split(Authentication authentication, @PathVariable String id, @Valid @RequestBody SplitBody body) {
        return call(() -> {
            Agent agent = agent(authentication);
            int level = body.level() != null ? body.level() : desk.ticket(agent, id).level() == null ? 1 : desk.ticket(agent, id).level();
            return desk.split(agent, id, body.messageId(), level);
        }).map(t -> AgentTicketView.of(t, clock.instant()));
    }

    /** The agent the token names: the filter chain let only tokens with an agent role through. */
    private static Agent agent(Authentication authentication) {
        return new Agent(authentication.getName(), AgentTokens.level(authentication), AgentTokens.supervisor(authentication));
    }

    /** Queue lines, all as of one moment. */
    private List<AgentTicketView.QueueItem> items(List<Ticket> tickets) {
        Instant now = clock.instant();
        return tickets.stream().map(t -> AgentTicketView.QueueItem.of(t, now)).toList();
    }

    private Mono<AgentTicketView> view(Callable<Ticket> action) {
        return call(action).map(t -> AgentTicketView.of(t, clock.instant()));
    }

    /** The desk blocks on the store: keep it off the event loop. */
    private static <T> Mono<T> call(Callable<T> action) {
        return Mono.fromCallable(action).subscribeOn(Schedulers.boundedElastic());
    }
}
