package fr.numi.intake.privacy.persistence;

import fr.numi.intake.privacy.application.ErasureStore;
import fr.numi.intake.privacy.domain.Erasure;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link ErasureStore} in collection {@code erasures} of numi-intake: {@code _id} = erasure id, the customer id, the
 * services expected, {@code done.<service>} = when each answered, {@code announced}, and while it is not,
 * {@code announceAt} (when the relay may take it; a claim moves it to the end of its lease). Every change is one
 * single-document operation. Holds no contact, name or words: only the pseudonymous customer id.
 */
@Component
class MongoErasureStore implements ErasureStore {

    static final String COLLECTION = "erasures";

    private final ReactiveMongoTemplate mongo;

    MongoErasureStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> saveIfAbsent(Erasure erasure, Instant announceAt) {
        Document doc = new Document("_id", erasure.erasureId())
                .append("customerId", erasure.customerId())
                .append("requestedAt", Date.from(erasure.requestedAt()))
                .append("services", erasure.services())
                .append("done", new Document())
                .append("announced", false)
                .append("announceAt", Date.from(announceAt));
        return mongo.insert(doc, COLLECTION).thenReturn(true)
                .onErrorResume(org.springframework.dao.DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Long> countOf(String customerId) {
        return mongo.count(Query.query(Criteria.where("customerId").is(customerId)), COLLECTION);
    }

    @Override
    public Mono<Erasure> find(String erasureId) {
        return mongo.findOne(byId(erasureId), Document.class, COLLECTION).map(MongoErasureStore::erasure);
    }

    @Override
    public Mono<Erasure> latestOf(String customerId) {
        return mongo.findOne(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by(Sort.Direction.DESC, "requestedAt")),
                Document.class, COLLECTION).map(MongoErasureStore::erasure);
    }

    @Override
    public Mono<Erasure> claimUnannounced(Instant now, Instant leaseUntil) {
        Query due = Query.query(Criteria.where("announced").is(false).and("announceAt").lte(Date.from(now)));
        return mongo.findAndModify(due, new Update().set("announceAt", Date.from(leaseUntil)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION).map(MongoErasureStore::erasure);
    }

    @Override
    public Mono<Void> markAnnounced(String erasureId) {
        return mongo.updateFirst(byId(erasureId), new Update().set("announced", true).unset("announceAt"), COLLECTION).then();
    }

    @Override
    public Mono<Erasure> markDone(String erasureId, String service, Instant at) {
        // the first answer counts: a repeated one (a redelivery, an erasure run again) leaves its time
        Query notYet = Query.query(Criteria.where("_id").is(erasureId).and("done." + service).exists(false));
        return mongo.updateFirst(notYet, new Update().set("done." + service, Date.from(at)), COLLECTION).then(find(erasureId));
    }

    private static Query byId(String erasureId) {
        return Query.query(Criteria.where("_id").is(erasureId));
    }

    @SuppressWarnings("unchecked")
    private static Erasure erasure(Document d) {
        Map<String, Instant> done = new LinkedHashMap<>();
        Document answered = d.get("done", Document.class);
        if (answered != null) {
            answered.forEach((service, at) -> done.put(service, ((Date) at).toInstant()));
        }
        return new Erasure(d.getString("_id"), d.getString("customerId"), d.getDate("requestedAt").toInstant(),
                (List<String>) d.get("services", List.class), done, Boolean.TRUE.equals(d.getBoolean("announced")));
    }
}
