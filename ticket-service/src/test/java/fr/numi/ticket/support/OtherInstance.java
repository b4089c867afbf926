package fr.numi.ticket.support;

import fr.numi.ticket.ticket.application.TicketChanges;
import fr.numi.ticket.ticket.application.TicketEventPublisher;
import fr.numi.ticket.ticket.application.TicketStore;
import fr.numi.ticket.ticket.application.TicketTimerStore;
import fr.numi.ticket.ticket.application.TicketTimers;
import fr.numi.ticket.ticket.application.TicketUpdates;
import fr.numi.ticket.ticket.application.TimerSettings;
import java.time.Clock;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A second ticket-service instance's changes and timers on the same database and broker as the application under
 * test: its own per-ticket locks, its own lease owner, nothing shared with the first but MongoDB and Kafka, as two
 * processes share them. Also reads the timers collection, to tell when the timers are at rest.
 */
@Component
public class OtherInstance {

    @Autowired TicketStore store;
    @Autowired TicketEventPublisher publisher;
    @Autowired TicketTimerStore timers;
    @Autowired TicketUpdates updates;
    @Autowired Clock clock;
    @Autowired TimerSettings settings;
    @Autowired ReactiveMongoTemplate mongo;

    /** Another instance's changes, publishing with {@code publisher}. */
    public TicketChanges changes(TicketEventPublisher publisher) {
        return new TicketChanges(store, publisher, timers, updates, clock, settings);
    }

    /** Another instance's relay and timers, started; stop it at the end of the test. */
    public TicketTimers startTimers() {
        TicketTimers other = new TicketTimers(timers, changes(publisher), clock, settings);
        other.start();
        return other;
    }

    public TicketTimerStore timerStore() {
        return timers;
    }

    public TimerSettings settings() {
        return settings;
    }

    /** The timers of a ticket as stored (outbox timers and its first-response timer). */
    public java.util.List<Document> timersOf(String ticketId) {
        return mongo.getCollection("ticket_timers")
                .flatMapMany(c -> Flux.from(c.find(new Document("ticketId", ticketId))))
                .collectList()
                .blockOptional(java.time.Duration.ofSeconds(5))
                .orElse(java.util.List.of());
    }

    /** The ids of the events waiting in a ticket's outbox. */
    public java.util.List<String> outboxOf(String ticketId) {
        Document ticket = mongo.getCollection("tickets").flatMap(c -> Mono.from(c.find(new Document("_id", ticketId)).first()))
                .block(java.time.Duration.ofSeconds(5));
        return ticket == null ? java.util.List.of()
                : ticket.getList("outbox", Document.class, java.util.List.of()).stream().map(d -> d.getString("eventId")).toList();
    }
}
