package fr.numi.feedback.kpi.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.feedback.kpi.application.PresenceStore;
import fr.numi.feedback.kpi.domain.OpeningHours;
import fr.numi.feedback.kpi.domain.PresenceHour;
import java.time.Instant;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The presence signal in collection {@code kpi_presence}: one document per level and clock hour
 * ({@code _id} {@code "<level>@<hour>"}), upserted with {@code $max lastSeenAt}: replaying the same
 * action changes nothing.
 */
@Component
class MongoPresenceStore implements PresenceStore {

    static final String COLLECTION = "kpi_presence";

    private final ReactiveMongoTemplate mongo;

    MongoPresenceStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> seen(int level, Instant at) {
        Instant hour = OpeningHours.hourOf(at);
        Update update = new Update().set("level", level).set("hour", hour).max("lastSeenAt", at);
        return mongo.upsert(query(where("_id").is(level + "@" + hour)), update, COLLECTION).then();
    }

    @Override
    public Flux<PresenceHour> find(Instant from, Instant to) {
        return mongo.find(query(where("hour").gte(from).lt(to)), Document.class, COLLECTION)
                .map(d -> new PresenceHour(d.getInteger("level"), d.getDate("hour").toInstant(), d.getDate("lastSeenAt").toInstant()));
    }
}
