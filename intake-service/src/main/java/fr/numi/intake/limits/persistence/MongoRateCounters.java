package fr.numi.intake.limits.persistence;

import fr.numi.intake.limits.application.RateCounters;
import fr.numi.intake.limits.domain.FixedWindow;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link RateCounters} in collection {@code rate_limits} of numi-intake: one document per key and window
 * ({@code _id} = {@code <key>@<window start, epoch ms>}, {@code count}, {@code expireAt} = the window's end), raised by
 * one {@code findAndModify} upsert with {@code $inc}; a TTL index on {@code expireAt} lets MongoDB drop windows that are
 * over (its monitor runs about every minute; an old window is never read again anyway).
 */
@Component
class MongoRateCounters implements RateCounters {

    static final String COLLECTION = "rate_limits";

    private static final Logger log = LoggerFactory.getLogger(MongoRateCounters.class);

    private final ReactiveMongoTemplate mongo;

    MongoRateCounters(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createTtlIndex() {
        // Not blocking start-up: with MongoDB away the limits fail open anyway (see the web filter), and the index
        // is created at the next start.
        mongo.indexOps(COLLECTION)
                .createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO).named("expire_at"))
                .subscribe(name -> log.debug("TTL index {} on {}", name, COLLECTION),
                        e -> log.warn("TTL index on {} not created: {}", COLLECTION, e.toString()));
    }

    @Override
    public Mono<Long> increment(String key, FixedWindow window) {
        Query query = Query.query(Criteria.where("_id").is(key + "@" + window.start().toEpochMilli()));
        Update update = new Update().inc("count", 1).setOnInsert("expireAt", Date.from(window.end()));
        Mono<Document> upsert = mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, COLLECTION);
        return upsert
                // Two instances inserting the same new window at once: the loser's $inc applies to the winner's document.
                .onErrorResume(DuplicateKeyException.class, e -> upsert)
                .map(doc -> ((Number) doc.get("count")).longValue());
    }
}
