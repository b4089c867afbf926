package fr.numi.triage.qualification.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.numi.contracts.retention.RetentionPurge;
import fr.numi.triage.config.TriageProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Retention of the contact histories (docs/privacy.md "Retention"): a contact is forgotten with its decision,
 * {@code numi.triage.decision-retention} (180 days) after it was made (the history only needs the last two hours to
 * see repeated contacts), and a history left with no contact is deleted, so no customer id stays here for ever.
 * Idempotent: a purge cut between the two steps leaves an empty history the next one deletes.
 */
@Component
class MongoContactHistoryRetention implements RetentionPurge {

    private final ReactiveMongoTemplate mongo;
    private final Duration retention;

    MongoContactHistoryRetention(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.retention = properties.decisionRetention();
    }

    @Override
    public String kind() {
        return "contact-histories";
    }

    @Override
    public Mono<Long> purge(Instant now) {
        Date before = Date.from(now.minus(retention));
        return mongo.getCollection(MongoContactHistory.COLLECTION)
                .flatMap(c -> Mono.from(c.updateMany(Filters.lt("contacts.at", before), Updates.pull("contacts", Filters.lt("at", before))))
                        .then(Mono.from(c.deleteMany(Filters.size("contacts", 0)))))
                .map(result -> result.getDeletedCount());
    }
}
