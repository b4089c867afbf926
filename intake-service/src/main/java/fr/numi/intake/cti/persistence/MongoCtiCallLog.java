package fr.numi.intake.cti.persistence;

import fr.numi.intake.cti.application.CtiCallLog;
import fr.numi.intake.cti.domain.CtiEvent;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link CtiCallLog} in collection {@code cti_calls} of numi-intake ({@code _id} = bridge + call id),
 * every write an idempotent upsert: fields a push carries fill what is missing, so events arriving out
 * of order (a hang-up before its newCall) still give the whole call; {@code answered} only ever turns true.
 */
@Component
class MongoCtiCallLog implements CtiCallLog {

    static final String COLLECTION = "cti_calls";

    private final ReactiveMongoTemplate mongo;

    MongoCtiCallLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Call> apply(String bridge, CtiEvent e, Instant at) {
        String id = bridge + ":" + e.callId();
        Update update = new Update().addToSet("events", e.event()).setOnInsert("firstSeenAt", Date.from(at));
        setIfPresent(update, "from", e.from());
        setIfPresent(update, "to", e.to());
        setIfPresent(update, "direction", e.direction());
        setIfPresent(update, "queue", e.queue());
        switch (e.event()) {
            case "answer" -> {
                update.set("answered", true).set("answeredAt", Date.from(at));
                setIfPresent(update, "answeringNumber", e.answeringNumber());
                if (e.user() != null && !e.user().isEmpty()) {
                    update.set("user", e.user());
                }
            }
            case "hangup" -> {
                update.set("endedAt", Date.from(at));
                setIfPresent(update, "cause", e.cause());
            }
            default -> update.setOnInsert("startedAt", Date.from(at));
        }
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), update,
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .map(d -> new Call(id, d.getString("from"), d.getString("direction"), Boolean.TRUE.equals(d.getBoolean("answered")),
                        d.getString("cause"), d.get("endedAt") != null));
    }

    private static void setIfPresent(Update update, String field, String value) {
        if (value != null && !value.isBlank()) {
            update.set(field, value.strip());
        }
    }
}
