package fr.numi.intake.delivery.persistence;

import fr.numi.intake.delivery.application.OutboundStatusLog;
import fr.numi.intake.delivery.domain.WhatsAppStatus;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Statuses in collection {@code outbound_statuses} of numi-intake, one document per message numi sent
 * ({@code _id} = the wamid the Send API returned, {@code notificationId} = what it delivered).
 * {@code $addToSet} makes a repeated status a no-op, whatever order they come in.
 */
@Component
class MongoOutboundStatusLog implements OutboundStatusLog {

    static final String COLLECTION = "outbound_statuses";

    private final ReactiveMongoTemplate mongo;

    MongoOutboundStatusLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<String> record(WhatsAppStatus status) {
        Document entry = new Document("status", status.status()).append("at", Date.from(status.at()));
        if (status.errorCode() != null) {
            entry.append("errorCode", status.errorCode());
        }
        return mongo.findAndModify(byId(status.wamid()), new Update().addToSet("statuses", entry),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .mapNotNull(doc -> doc.getString("notificationId"));
    }

    @Override
    public Mono<List<WhatsAppStatus>> link(String wamid, String notificationId) {
        return mongo.findAndModify(byId(wamid), new Update().set("notificationId", notificationId),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .map(doc -> doc.getList("statuses", Document.class, List.of()).stream()
                        .map(s -> new WhatsAppStatus(wamid, s.getString("status"), s.getDate("at").toInstant(), s.getString("errorCode")))
                        .toList())
                .defaultIfEmpty(List.of());
    }

    private static Query byId(String wamid) {
        return Query.query(Criteria.where("_id").is(wamid));
    }
}
