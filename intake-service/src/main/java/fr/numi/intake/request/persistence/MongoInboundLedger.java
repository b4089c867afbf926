package fr.numi.intake.request.persistence;

import fr.numi.intake.request.application.InboundLedger;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link InboundLedger} in collection {@code inbound} of numi-intake: one document per gateway id
 * ({@code _id}), created by an idempotent upsert (no transaction needed), flagged once published.
 */
@Component
class MongoInboundLedger implements InboundLedger {

    static final String COLLECTION = "inbound";

    private final ReactiveMongoTemplate mongo;

    MongoInboundLedger(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Entry> claim(String requestId, String fingerprint, Instant at) {
        Query query = Query.query(Criteria.where("_id").is(requestId));
        Update update = new Update()
                .setOnInsert("fingerprint", fingerprint)
                .setOnInsert("published", false)
                .setOnInsert("firstSeenAt", Date.from(at));
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                // Two deliveries racing the upsert: the loser reads what the winner stored.
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findOne(query, Document.class, COLLECTION))
                .map(doc -> new Entry(requestId, doc.getString("fingerprint"), Boolean.TRUE.equals(doc.getBoolean("published"))));
    }

    @Override
    public Mono<Void> markPublished(String requestId, Instant at) {
        return mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(requestId)),
                        new Update().set("published", true).set("publishedAt", Date.from(at)),
                        COLLECTION)
                .then();
    }
}
