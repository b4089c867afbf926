package fr.numi.intake.whatsapp.persistence;

import fr.numi.intake.whatsapp.application.OutboundStatusLog;
import fr.numi.intake.whatsapp.domain.WhatsAppStatus;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Statuses in collection {@code outbound_statuses} of numi-intake, one document per message numi sent
 * ({@code _id} = the wamid the Send API returned, also stored on the delivery). {@code $addToSet}
 * makes a repeated status a no-op, whatever order they come in.
 */
@Component
class MongoOutboundStatusLog implements OutboundStatusLog {

    static final String COLLECTION = "outbound_statuses";

    private final ReactiveMongoTemplate mongo;

    MongoOutboundStatusLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> record(WhatsAppStatus status) {
        Document entry = new Document("status", status.status()).append("at", Date.from(status.at()));
        if (status.errorCode() != null) {
            entry.append("errorCode", status.errorCode());
        }
        return mongo.upsert(Query.query(Criteria.where("_id").is(status.wamid())), new Update().addToSet("statuses", entry), COLLECTION)
                .then();
    }
}
