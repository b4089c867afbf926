package fr.numi.ticket.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.ticket.application.ConcurrentTicketUpdateException;
import fr.numi.ticket.application.TicketStore;
import fr.numi.ticket.domain.Ticket;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tickets in ticket-service's own MongoDB database: collections {@code tickets} and {@code ticket_aliases}. */
@Component
class MongoTicketStore implements TicketStore {

    static final String ALIASES = "ticket_aliases";

    private final ReactiveMongoTemplate mongo;

    MongoTicketStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        var tickets = mongo.indexOps(TicketDocument.COLLECTION);
        Flux.concat(
                        tickets.createIndex(new Index().on("trackingTokenHashes", Sort.Direction.ASC).named("tracking_token_hashes")),
                        tickets.createIndex(new Index().on("customerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("customer_status")),
                        tickets.createIndex(new Index().on("level", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("level_status")),
                        tickets.createIndex(new Index().on("slaDeadline", Sort.Direction.ASC).sparse().named("sla_deadline")))
                .then()
                .block();
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
        return mongo.findOne(query(where("trackingTokenHashes").is(trackingTokenHash)), TicketDocument.class)
                .map(TicketDocument::toTicket);
    }

    @Override
    public Mono<Ticket> findOpenByCustomer(String customerId) {
        return mongo.find(query(where("customerId").is(customerId).and("status").in(Ticket.OPEN.stream().map(Enum::name).toList())),
                        TicketDocument.class)
                .map(TicketDocument::toTicket)
                .sort((a, b) -> b.receivedAt().compareTo(a.receivedAt()))
                .next();
    }

    @Override
    public Flux<Ticket> findQueued(int level) {
        return mongo.find(query(where("level").is(level).and("status").in(Ticket.QUEUED.stream().map(Enum::name).toList())),
                        TicketDocument.class)
                .map(TicketDocument::toTicket);
    }

    @Override
    public Flux<Deadline> findSlaDeadlines() {
        return mongo.find(query(where("slaDeadline").ne(null)), TicketDocument.class)
                .map(doc -> new Deadline(doc.id(), doc.slaDeadline()));
    }

    @Override
    public Mono<Void> saveAlias(String requestTicketId, String ticketId) {
        return mongo.getCollection(ALIASES)
                .flatMap(c -> Mono.from(c.insertOne(new Document("_id", requestTicketId).append("ticketId", ticketId))))
                .onErrorResume(e -> e instanceof com.mongodb.MongoWriteException w && w.getError().getCode() == 11000, e -> Mono.empty())
                .then();
    }

    @Override
    public Mono<String> findAlias(String requestTicketId) {
        return mongo.getCollection(ALIASES)
                .flatMap(c -> Mono.from(c.find(new Document("_id", requestTicketId)).first()))
                .map(d -> d.getString("ticketId"));
    }
}
