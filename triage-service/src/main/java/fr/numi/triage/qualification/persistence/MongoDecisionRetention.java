package fr.numi.triage.qualification.persistence;

import com.mongodb.client.model.Filters;
import fr.numi.contracts.retention.RetentionPurge;
import fr.numi.triage.config.TriageProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Retention of triage's decisions (docs/privacy.md "Retention"): each is deleted {@code numi.triage.decision-retention}
 * (180 days) after it was made, with the person's words it holds. MongoDB's TTL index on {@code decidedAt}
 * ({@link MongoDecisionArchive}) does the same; this purge is what enforces it where TTL indexes are not (the embedded
 * Mongo-wire server of the local run and the tests), and costs one indexed delete elsewhere.
 */
@Component
class MongoDecisionRetention implements RetentionPurge {

    private final ReactiveMongoTemplate mongo;
    private final Duration retention;

    MongoDecisionRetention(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.retention = properties.decisionRetention();
    }

    @Override
    public String kind() {
        return "decisions";
    }

    @Override
    public Mono<Long> purge(Instant now) {
        return mongo.getCollection(MongoDecisionArchive.COLLECTION)
                .flatMap(c -> Mono.from(c.deleteMany(Filters.lt("decidedAt", Date.from(now.minus(retention))))))
                .map(result -> result.getDeletedCount());
    }
}
