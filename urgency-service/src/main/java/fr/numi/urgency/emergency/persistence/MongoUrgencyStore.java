package fr.numi.urgency.emergency.persistence;

import static fr.numi.urgency.emergency.persistence.UrgencyDocuments.SIGHTINGS;
import static fr.numi.urgency.emergency.persistence.UrgencyDocuments.URGENCIES;
import static fr.numi.urgency.emergency.persistence.UrgencyDocuments.date;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import fr.numi.urgency.emergency.application.UrgencyStore;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.TicketSighting;
import fr.numi.urgency.emergency.domain.Urgency;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Urgencies and sightings in urgency-service's own database. The ticket id is {@code _id}: an insert
 * that meets an existing one (error 11000) means the ticket already has its urgency. Callers are
 * imperative (Kafka listener threads, bounded-elastic web calls), so each call blocks, bounded.
 */
@Component
class MongoUrgencyStore implements UrgencyStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int DUPLICATE_KEY = 11000;

    private final ReactiveMongoTemplate mongo;

    MongoUrgencyStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Urgency> insertIfAbsent(Urgency urgency) {
        Boolean inserted = urgencies(c -> Mono.from(c.insertOne(UrgencyDocuments.document(urgency))).thenReturn(true)
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCode() == DUPLICATE_KEY ? Mono.just(false) : Mono.error(e)));
        if (Boolean.TRUE.equals(inserted)) {
            return Optional.empty();
        }
        return Optional.of(find(urgency.ticketId()).orElseThrow(() -> new IllegalStateException("urgency vanished: " + urgency.ticketId())));
    }

    @Override
    public Optional<Urgency> find(String ticketId) {
        return Optional.ofNullable(urgencies(c -> Mono.from(c.find(new Document("_id", ticketId)).first())))
                .map(UrgencyDocuments::urgency);
    }

    @Override
    public Optional<Urgency> claimStalled(String ticketId, Instant now, Instant leaseUntil) {
        Document filter = new Document("_id", ticketId)
                .append("status", UrgencyStatus.DECLARING.name())
                .append("leaseUntil", new Document("$lte", date(now)));
        return claim(filter, new Document("leaseUntil", date(leaseUntil)));
    }

    @Override
    public Optional<Urgency> claimAwaiting(String ticketId, Channel channel, Instant leaseUntil) {
        Document filter = new Document("_id", ticketId).append("status", UrgencyStatus.AWAITING_REQUEST.name());
        return claim(filter, new Document("status", UrgencyStatus.DECLARING.name())
                .append("channel", channel.name())
                .append("leaseUntil", date(leaseUntil)));
    }

    private Optional<Urgency> claim(Document filter, Document set) {
        FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        return Optional.ofNullable(urgencies(c -> Mono.from(c.findOneAndUpdate(filter, new Document("$set", set), after))))
                .map(UrgencyDocuments::urgency);
    }

    @Override
    public void save(Urgency urgency) {
        urgencies(c -> Mono.from(c.updateOne(new Document("_id", urgency.ticketId()), new Document("$set", UrgencyDocuments.fields(urgency)))));
    }

    @Override
    public boolean saveRevision(Urgency urgency, int expectedRevision) {
        Document filter = new Document("_id", urgency.ticketId()).append("revision", expectedRevision);
        Long matched = urgencies(c -> Mono.from(c.updateOne(filter, new Document("$set", UrgencyDocuments.fields(urgency))))
                .map(r -> r.getMatchedCount()));
        return matched != null && matched == 1;
    }

    @Override
    public void savePage(String ticketId, Page page) {
        urgencies(c -> Mono.from(c.updateOne(new Document("_id", ticketId), new Document("$set", new Document("page", UrgencyDocuments.page(page))))));
    }

    @Override
    public boolean claimPage(String ticketId, Instant now, Instant leaseUntil) {
        Document filter = new Document("_id", ticketId).append("page.status", PageStatus.PENDING.name())
                .append("$or", List.of(new Document("page.leaseUntil", null), new Document("page.leaseUntil", new Document("$lte", date(now)))));
        Long modified = mongo.getCollection(URGENCIES)
                .flatMap(c -> Mono.from(c.updateOne(filter, new Document("$set", new Document("page.leaseUntil", date(leaseUntil))))))
                .map(r -> r.getModifiedCount())
                .block(TIMEOUT);
        return modified != null && modified == 1;
    }

    @Override
    public void recordSighting(TicketSighting sighting) {
        mongo.getCollection(SIGHTINGS)
                .flatMap(c -> Mono.from(c.updateOne(new Document("_id", sighting.ticketId()),
                        new Document("$set", UrgencyDocuments.sighting(sighting)), new UpdateOptions().upsert(true))))
                .block(TIMEOUT);
    }

    @Override
    public Optional<TicketSighting> findSighting(String ticketId) {
        return Optional.ofNullable(mongo.getCollection(SIGHTINGS)
                        .flatMap(c -> Mono.from(c.find(new Document("_id", ticketId)).first()))
                        .block(TIMEOUT))
                .map(UrgencyDocuments::sighting);
    }

    @Override
    public List<Urgency> findStalled(Instant now) {
        return findAll(new Document("status", UrgencyStatus.DECLARING.name()).append("leaseUntil", new Document("$lte", date(now))));
    }

    @Override
    public List<Urgency> findUnpaged(Instant declaredBefore) {
        return findAll(new Document("status", UrgencyStatus.DECLARED.name())
                .append("page.status", PageStatus.PENDING.name())
                .append("declaredAt", new Document("$lt", date(declaredBefore))));
    }

    private List<Urgency> findAll(Document filter) {
        return mongo.getCollection(URGENCIES)
                .flatMapMany(c -> Flux.from(c.find(filter).limit(100)))
                .map(UrgencyDocuments::urgency)
                .collectList()
                .block(TIMEOUT);
    }

    private <T> T urgencies(Function<MongoCollection<Document>, Mono<T>> call) {
        return mongo.getCollection(URGENCIES).flatMap(call).block(TIMEOUT);
    }
}
