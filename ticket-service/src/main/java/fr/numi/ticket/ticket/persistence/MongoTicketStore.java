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
import reactor.core.publisher.Mono;

/** Tickets in ticket-service's own MongoDB database, collection {@code tickets}. */
@Component
class MongoTicketStore implements TicketStore {

    private final ReactiveMongoTemplate mongo;

    MongoTicketStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
        mongo.indexOps(TicketDocument.COLLECTION)
                .createIndex(new Index().on("trackingTokenHash", Sort.Direction.ASC).named("tracking_token_hash"))
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
    public Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash) {
        return mongo.findOne(query(where("trackingTokenHash").is(trackingTokenHash)), TicketDocument.class)
                .map(TicketDocument::toTicket);
    }
}
