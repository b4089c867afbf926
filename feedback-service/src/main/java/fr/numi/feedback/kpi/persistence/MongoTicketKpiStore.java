package fr.numi.feedback.kpi.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.feedback.kpi.application.ConcurrentKpiUpdateException;
import fr.numi.feedback.kpi.application.TicketKpiStore;
import fr.numi.feedback.kpi.domain.TicketKpis;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per-ticket KPI state in feedback's own database ({@code numi-feedback}), collection
 * {@code kpi_tickets}. Writes are single-document and conditional on the store version (insert or
 * optimistic lock), which mongo-java-server and MongoDB both honour without transactions.
 */
@Component
class MongoTicketKpiStore implements TicketKpiStore {

    private final ReactiveMongoTemplate mongo;

    MongoTicketKpiStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Stored> load(String ticketId) {
        return mongo.findById(ticketId, TicketKpiDocument.class).map(doc -> new Stored(doc.kpis(), doc.storeVersion()));
    }

    @Override
    public Mono<Long> save(TicketKpis.Snapshot kpis, Long storeVersion) {
        TicketKpiDocument doc = new TicketKpiDocument(kpis.ticketId(), storeVersion, kpis);
        Mono<TicketKpiDocument> write = storeVersion == null ? mongo.insert(doc) : mongo.save(doc);
        return write.map(TicketKpiDocument::storeVersion)
                .onErrorMap(e -> e instanceof DuplicateKeyException || e instanceof OptimisticLockingFailureException,
                        e -> new ConcurrentKpiUpdateException(kpis.ticketId(), e));
    }

    @Override
    public Flux<TicketKpis.Snapshot> findActiveSince(Instant since) {
        return mongo.find(query(where("kpis.lastEventAt").gte(since)), TicketKpiDocument.class).map(TicketKpiDocument::kpis);
    }

    @Override
    public Flux<TicketKpis.Snapshot> findAwaitingLevel3() {
        return mongo.find(query(where("kpis.cyberSince").ne(null).and("kpis.level3ClaimedAt").is(null).and("kpis.firstResolvedAt").is(null)),
                        TicketKpiDocument.class)
                .map(TicketKpiDocument::kpis);
    }

    @Override
    public Mono<Long> forgetCustomer(String customerId, String marker) {
        return mongo.updateMulti(query(where("kpis.customerId").is(customerId)),
                        new Update().set("kpis.customerId", marker).inc("storeVersion", 1), TicketKpiDocument.class)
                .map(r -> r.getModifiedCount());
    }

    @Override
    public Mono<Long> countParkedRatings() {
        return mongo.count(query(where("kpis.rating").ne(null).and("kpis.rating.countedAt").is(null)), TicketKpiDocument.class);
    }
}
