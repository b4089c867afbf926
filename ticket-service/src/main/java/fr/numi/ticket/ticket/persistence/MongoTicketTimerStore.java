package fr.numi.ticket.ticket.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import fr.numi.ticket.ticket.application.TicketTimerStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tickets' timers in the collection {@code ticket_timers}: {@code _id} ({@code <ticketId>/<uuid>} for a change's
 * outbox, {@code sla/<ticketId>} for a first-response clock), {@code ticketId}, {@code kind}, {@code dueAt}, {@code seq}
 * (how many times a writer moved it), and while an instance acts on it {@code leaseUntil} and {@code owner}; and
 * {@code hold/<ticketId>} ({@code leaseUntil}, {@code owner}, no {@code dueAt}) while an instance's relay acts on the
 * ticket. Small
 * documents, only while something is due, so finding the due ones stays cheap on a server that scans (the Mongo-wire
 * server ignores secondary indexes); on MongoDB the index {@code due} serves it. Every claim and every move is one
 * atomic single-document operation: no transaction needed.
 */
@Component
class MongoTicketTimerStore implements TicketTimerStore {

    static final String TIMERS = "ticket_timers";
    private static final String ADOPTED = "adopted/sla-deadlines";

    private final ReactiveMongoTemplate mongo;
    private final StartupIndexes indexes;

    MongoTicketTimerStore(ReactiveMongoTemplate mongo, StartupIndexes indexes) {
        this.mongo = mongo;
        this.indexes = indexes;
    }

    private Mono<MongoCollection<Document>> timers() {
        return mongo.getCollection(TIMERS);
    }

    @Override
    public Mono<String> markPending(String ticketId, Instant at) {
        String id = ticketId + "/" + UUID.randomUUID();
        Document timer = new Document("_id", id).append("ticketId", ticketId).append("kind", Kind.OUTBOX.name())
                .append("dueAt", Date.from(at)).append("seq", 0L);
        return timers().flatMap(c -> Mono.from(c.insertOne(timer))).thenReturn(id);
    }

    @Override
    public Mono<Void> clearPending(String timerId) {
        return timers().flatMap(c -> Mono.from(c.deleteOne(new Document("_id", timerId)))).then();
    }

    @Override
    public Mono<Void> retryPending(String timerId, Instant at) {
        return timers().flatMap(c -> Mono.from(c.updateOne(new Document("_id", timerId),
                new Document("$set", new Document("dueAt", Date.from(at))).append("$unset", lease())))).then();
    }

    @Override
    public Mono<Void> slaDueNoLaterThan(String ticketId, Instant at) {
        Mono<Void> upsert = timers().flatMap(c -> Mono.from(c.updateOne(new Document("_id", "sla/" + ticketId),
                new Document("$min", new Document("dueAt", Date.from(at)))
                        .append("$inc", new Document("seq", 1L))
                        .append("$setOnInsert", new Document("ticketId", ticketId).append("kind", Kind.SLA.name())),
                new UpdateOptions().upsert(true)))).then();
        // Two first upserts at once: one inserts, the other meets the unique _id and updates the winner's.
        return upsert.onErrorResume(MongoErrors::duplicateKey, e -> upsert);
    }

    @Override
    public Flux<Claim> claimDue(Instant now, Instant leaseUntil, String owner, int max) {
        Document due = due(now);
        return timers().flatMapMany(c -> Flux.from(c.find(due).sort(new Document("dueAt", 1)).limit(max))
                .concatMap(candidate -> Mono.from(c.findOneAndUpdate(new Document(due).append("_id", candidate.get("_id")),
                        new Document("$set", new Document("leaseUntil", Date.from(leaseUntil)).append("owner", owner)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))))
                .map(d -> new Claim(d.getString("_id"), d.getString("ticketId"), Kind.valueOf(d.getString("kind")),
                        d.get("seq", Number.class).longValue(), owner));
    }

    /** Due, and nobody holds it (no lease, or one that ran out: its holder died or gave up). */
    private static Document due(Instant now) {
        Date at = Date.from(now);
        return new Document("dueAt", new Document("$lte", at))
                .append("$or", List.of(new Document("leaseUntil", null), new Document("leaseUntil", new Document("$lte", at))));
    }

    @Override
    public Mono<Void> settle(Claim claim, Instant next) {
        Document unchanged = new Document("_id", claim.id()).append("owner", claim.owner()).append("seq", claim.seq());
        Document held = new Document("_id", claim.id()).append("owner", claim.owner());
        return timers().flatMap(c -> {
            Mono<Long> done = next == null
                    ? Mono.from(c.deleteOne(unchanged)).map(r -> r.getDeletedCount())
                    : Mono.from(c.updateOne(unchanged, new Document("$set", new Document("dueAt", Date.from(next))).append("$unset", lease())))
                            .map(r -> r.getMatchedCount());
            // Moved by a writer meanwhile (earlier, since writers only move it earlier): keep that, only let go.
            return done.flatMap(n -> n > 0 ? Mono.empty() : Mono.from(c.updateOne(held, new Document("$unset", lease()))).then());
        }).then();
    }

    @Override
    public Mono<Boolean> holdTicket(String ticketId, Instant now, Instant leaseUntil, String owner) {
        // Free (no document), or held by a lease that ran out: taken. Held: the upsert meets the unique _id.
        return timers().flatMap(c -> Mono.from(c.updateOne(
                        new Document("_id", "hold/" + ticketId).append("leaseUntil", new Document("$lte", Date.from(now))),
                        new Document("$set", new Document("leaseUntil", Date.from(leaseUntil)).append("owner", owner)),
                        new UpdateOptions().upsert(true))))
                .map(r -> r.getMatchedCount() > 0 || r.getUpsertedId() != null)
                .onErrorResume(MongoErrors::duplicateKey, e -> Mono.just(false));
    }

    @Override
    public Mono<Void> letGoTicket(String ticketId, String owner) {
        return timers().flatMap(c -> Mono.from(c.deleteOne(new Document("_id", "hold/" + ticketId).append("owner", owner)))).then();
    }

    private static Document lease() {
        return new Document("leaseUntil", "").append("owner", "");
    }

    @Override
    public Mono<Long> adoptExistingTickets(Instant now) {
        Mono<Boolean> adopted = timers().flatMap(c -> Mono.from(c.find(new Document("_id", ADOPTED)).first())).hasElement();
        Flux<Long> deadlines = mongo.find(query(where("slaDeadline").ne(null)), TicketDocument.class)
                .concatMap(doc -> slaDueNoLaterThan(doc.id(), doc.slaDeadline()).thenReturn(1L));
        Flux<Long> outboxes = mongo.find(query(where("outbox.0").exists(true)), TicketDocument.class)
                .concatMap(doc -> markPending(doc.id(), now).thenReturn(1L));
        Mono<Long> adopt = Flux.concat(deadlines, outboxes).count()
                .flatMap(n -> timers().flatMap(c -> Mono.from(c.insertOne(new Document("_id", ADOPTED).append("at", Date.from(now)))))
                        .onErrorResume(MongoErrors::duplicateKey, e -> Mono.empty())
                        .thenReturn(n));
        return adopted.flatMap(done -> done ? Mono.just(0L) : adopt);
    }

    /**
     * The index MongoDB finds due timers with (the Mongo-wire server keeps none and scans this small collection); in
     * the background, so that a start while MongoDB is away waits for it without failing ({@link StartupIndexes}).
     */
    @EventListener(ApplicationReadyEvent.class)
    void createIndex() {
        indexes.make("index due on " + TIMERS, mongo.indexOps(TIMERS).createIndex(new Index().on("dueAt", Sort.Direction.ASC).named("due")));
    }
}
