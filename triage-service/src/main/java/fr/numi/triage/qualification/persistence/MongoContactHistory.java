package fr.numi.triage.qualification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.triage.config.TriageProperties;
import fr.numi.triage.qualification.application.ContactHistory;
import fr.numi.triage.qualification.domain.ContactRecord;
import fr.numi.triage.qualification.domain.CyberTier;
import fr.numi.triage.qualification.domain.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Contact histories in triage's own database ({@code numi-triage}), collection
 * {@code contact_histories}: one document per customer id, {@code _id} = customer id, holding the
 * last {@value #KEPT} contacts (request id, ticket id, time, decision with its cyber tier). No words, no contact.
 *
 * <p>Idempotent without transactions: the push is conditional on the request id not being there
 * yet; when it is, the upsert's insert collides on {@code _id} (11000) and that means "already
 * remembered".
 */
@Component
class MongoContactHistory implements ContactHistory {

    static final String COLLECTION = "contact_histories";
    static final int KEPT = 20;

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;

    MongoContactHistory(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.timeout = properties.storeTimeout();
    }

    @Override
    public List<ContactRecord> recall(String customerId) {
        Document doc = mongo.findById(customerId, Document.class, COLLECTION).block(timeout);
        if (doc == null) {
            return List.of();
        }
        return doc.getList("contacts", Document.class, List.of()).stream().map(MongoContactHistory::record).toList();
    }

    @Override
    public void remember(String customerId, ContactRecord contact) {
        Update update = new Update().push("contacts").slice(-KEPT).each(document(contact));
        try {
            mongo.upsert(query(where("_id").is(customerId).and("contacts.requestId").ne(contact.requestId())), update, COLLECTION)
                    .block(timeout);
        } catch (DuplicateKeyException alreadyRemembered) {
            // The document exists and already holds this request id: nothing to do.
        }
    }

    @Override
    public long forget(String customerId) {
        return mongo.remove(query(where("_id").is(customerId)), COLLECTION).map(r -> r.getDeletedCount()).block(timeout);
    }

    private static Document document(ContactRecord c) {
        return new Document("requestId", c.requestId())
                .append("ticketId", c.ticketId())
                .append("at", Date.from(c.at()))
                .append("level", c.level())
                .append("cyber", c.cyberTier() == CyberTier.EMERGENCY)
                .append("cyberTier", c.cyberTier().name())
                .append("category", c.category())
                .append("urgency", c.urgency().name());
    }

    private static ContactRecord record(Document d) {
        Date at = d.getDate("at");
        String urgency = d.getString("urgency");
        String tier = d.getString("cyberTier");
        return new ContactRecord(
                d.getString("requestId"),
                d.getString("ticketId"),
                at == null ? Instant.EPOCH : at.toInstant(),
                d.getInteger("level", 1),
                // Contacts remembered before the tiers existed only say cyber or not.
                tier == null ? CyberTier.of(d.getBoolean("cyber", false)) : CyberTier.valueOf(tier),
                d.getString("category"),
                urgency == null ? Urgency.NORMAL : Urgency.valueOf(urgency));
    }
}
