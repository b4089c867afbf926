package fr.numi.ticket.ticket.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import fr.numi.ticket.ticket.application.ConcurrentTicketUpdateException;
import fr.numi.ticket.ticket.application.QueuePlace;
import fr.numi.ticket.ticket.application.TicketStore;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.Urgency;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tickets in ticket-service's own MongoDB database: {@code tickets}, {@code ticket_aliases} (a request
 * that joined a conversation → that ticket), {@code ticket_tracking_tokens} (token hash → ticket) and
 * {@code conversations} (proven person → the ticket holding their conversation, one per person,
 * claimed with one atomic upsert so that two instances never open two).
 */
@Component
class MongoTicketStore implements TicketStore {

    static final String ALIASES = "ticket_aliases";
    static final String TOKENS = "ticket_tracking_tokens";
    static final String CONVERSATIONS = "conversations";

    private final ReactiveMongoTemplate mongo;
    private final StartupIndexes indexes;

    MongoTicketStore(ReactiveMongoTemplate mongo, StartupIndexes indexes) {
        this.mongo = mongo;
        this.indexes = indexes;
    }

    /** In the background: a start while MongoDB is away waits for it without failing ({@link StartupIndexes}). */
    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        var tickets = mongo.indexOps(TicketDocument.COLLECTION);
        indexes.make("indexes on " + TicketDocument.COLLECTION, Flux.concat(
                        tickets.createIndex(new Index().on("trackingTokenHashes", Sort.Direction.ASC).named("tracking_token_hashes")),
                        tickets.createIndex(new Index().on("customerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("customer_status")),
                        tickets.createIndex(new Index().on("level", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("level_status")),
                        tickets.createIndex(new Index().on("slaDeadline", Sort.Direction.ASC).sparse().named("sla_deadline")))
                .then());
    }

    @Override
    public Mono<Stored> load(String ticketId) {
        return mongo.findById(ticketId, TicketDocument.class).map(doc -> new Stored(doc.toTicket(), doc.storeVersion()));
    }

    @Override
    public Mono<Void> save(Ticket ticket, Long storeVersion) {
        TicketDocument doc = TicketDocument.of(ticket, storeVersion);
        Mono<TicketDocument> write = storeVersion == null ? mongo.insert(doc) : mongo.save(doc);
        return write.onErrorMap(
                        e -> e instanceof DuplicateKeyException || e instanceof OptimisticLockingFailureException,
                        e -> new ConcurrentTicketUpdateException(ticket.id(), e))
                .then();
    }

    @Override
    public Mono<Void> markPublished(String ticketId, List<String> eventIds) {
        Update update = new Update().pull("outbox", new Document("eventId", new Document("$in", eventIds)));
        return mongo.updateFirst(query(where("_id").is(ticketId)), update, TicketDocument.class).then();
    }

    @Override
    public Mono<Void> delete(String ticketId, Long storeVersion) {
        return mongo.remove(query(where("_id").is(ticketId).and("storeVersion").is(storeVersion)), TicketDocument.class).then();
    }

    @Override
    public Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash) {
        Mono<Ticket> byPointer = pointer(TOKENS, trackingTokenHash)
                .flatMap(this::load)
                .map(Stored::ticket)
                .filter(t -> t.trackingTokenHashes().contains(trackingTokenHash));
        Mono<Ticket> byScan = Mono.defer(() -> mongo.findOne(query(where("trackingTokenHashes").is(trackingTokenHash)), TicketDocument.class)
                .map(TicketDocument::toTicket));
        return byPointer.switchIfEmpty(byScan);
    }

    @Override
    public Mono<String> claimConversation(String customerId, String candidateTicketId) {
        Mono<String> claim = mongo.getCollection(CONVERSATIONS)
                .flatMap(c -> Mono.from(c.findOneAndUpdate(new Document("_id", customerId),
                        new Document("$setOnInsert", new Document("ticketId", candidateTicketId)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))))
                .map(d -> d.getString("ticketId"));
        // Two first claims at once: one upsert wins, the other meets the unique _id and reads the winner.
        return claim.onErrorResume(MongoErrors::duplicateKey, e -> claim);
    }

    @Override
    public Mono<Boolean> moveConversation(String customerId, String expected, String next) {
        return mongo.getCollection(CONVERSATIONS)
                .flatMap(c -> Mono.from(c.updateOne(new Document("_id", customerId).append("ticketId", expected),
                        new Document("$set", new Document("ticketId", next).append("previous", expected)))))
                .map(result -> result.getModifiedCount() == 1);
    }

    @Override
    public Mono<String> conversationOf(String customerId) {
        return pointer(CONVERSATIONS, customerId);
    }

    @Override
    public Mono<Void> index(Ticket ticket) {
        if (!ticket.isVisible()) {
            return Mono.empty();
        }
        return Flux.fromIterable(ticket.trackingTokenHashes()).flatMap(hash -> upsertPointer(TOKENS, hash, ticket.id())).then();
    }

    @Override
    public Flux<String> idsOfPerson(String customerId) {
        Query theirs = query(new Criteria().orOperator(where("customerId").is(customerId), where("timeline.customerId").is(customerId)));
        theirs.fields().include("_id");
        return mongo.find(theirs, Document.class, TicketDocument.COLLECTION).map(d -> d.getString("_id"));
    }

    @Override
    public Mono<Long> forgetPerson(String customerId, List<String> trackingTokenHashes) {
        return mongo.remove(query(where("_id").is(customerId)), CONVERSATIONS).map(r -> r.getDeletedCount())
                .zipWith(trackingTokenHashes.isEmpty() ? Mono.just(0L)
                        : mongo.remove(query(where("_id").in(trackingTokenHashes)), TOKENS).map(r -> r.getDeletedCount()), Long::sum);
    }

    private Mono<String> pointer(String collection, String key) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(new Document("_id", key)).first()))
                .map(d -> d.getString("ticketId"));
    }

    private Mono<Void> upsertPointer(String collection, String key, String ticketId) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.replaceOne(new Document("_id", key), new Document("_id", key).append("ticketId", ticketId),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true))))
                .then();
    }

    @Override
    public Flux<QueuePlace> findQueuedPlaces(int level) {
        Query queued = query(where("level").is(level).and("status").in(Ticket.QUEUED.stream().map(Enum::name).toList()));
        queued.fields().include("cyber", "cyberSuspected", "urgency", "queuedAt", "needsReview");
        return mongo.find(queued, Document.class, TicketDocument.COLLECTION).map(d -> {
            String urgency = d.getString("urgency");
            Date queuedAt = d.getDate("queuedAt");
            return new QueuePlace(d.getString("_id"), Boolean.TRUE.equals(d.getBoolean("cyber")),
                    Boolean.TRUE.equals(d.getBoolean("cyberSuspected")), urgency == null ? null : Urgency.valueOf(urgency),
                    queuedAt == null ? null : queuedAt.toInstant(), Boolean.TRUE.equals(d.getBoolean("needsReview")));
        });
    }

    @Override
    public Flux<Ticket> findAll(List<String> ticketIds) {
        return ticketIds.isEmpty() ? Flux.empty()
                : mongo.find(query(where("_id").in(ticketIds)), TicketDocument.class).map(TicketDocument::toTicket);
    }

    @Override
    public Flux<String> findResolvedBefore(Instant before) {
        return mongo.find(query(where("status").is("RESOLVED").and("resolvedAt").lt(before)), TicketDocument.class).map(TicketDocument::id);
    }

    @Override
    public Mono<Void> saveAlias(String requestTicketId, String ticketId) {
        return mongo.getCollection(ALIASES)
                .flatMap(c -> Mono.from(c.insertOne(new Document("_id", requestTicketId).append("ticketId", ticketId))))
                .onErrorResume(MongoErrors::duplicateKey, e -> Mono.empty())
                .then();
    }

    @Override
    public Mono<Void> replaceAlias(String requestTicketId, String ticketId) {
        return upsertPointer(ALIASES, requestTicketId, ticketId);
    }

    @Override
    public Mono<Void> deleteAlias(String requestTicketId) {
        return mongo.getCollection(ALIASES).flatMap(c -> Mono.from(c.deleteOne(new Document("_id", requestTicketId)))).then();
    }

    @Override
    public Mono<String> findAlias(String requestTicketId) {
        return mongo.getCollection(ALIASES)
                .flatMap(c -> Mono.from(c.find(new Document("_id", requestTicketId)).first()))
                .map(d -> d.getString("ticketId"));
    }
}
