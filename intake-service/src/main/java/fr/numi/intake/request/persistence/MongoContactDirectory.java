package fr.numi.intake.request.persistence;

import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link ContactDirectory} in collection {@code contacts} of numi-intake, one document per customer id. */
@Component
class MongoContactDirectory implements ContactDirectory {

    static final String COLLECTION = "contacts";

    private final ReactiveMongoTemplate mongo;

    MongoContactDirectory(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> remember(String customerId, Contact contact, Channel channel, boolean proven, Instant lastInboundAt) {
        if (!proven) {
            Update insertOnly = new Update()
                    .setOnInsert("kind", contact.kind().name())
                    .setOnInsert("value", contact.value())
                    .setOnInsert("channel", channel.name())
                    .setOnInsert("lastInboundAt", Date.from(lastInboundAt))
                    .setOnInsert("proven", false);
            return mongo.upsert(Query.query(Criteria.where("_id").is(customerId)), insertOnly, COLLECTION).then();
        }
        Update update = new Update()
                .set("kind", contact.kind().name())
                .set("value", contact.value())
                .set("channel", channel.name())
                .set("lastInboundAt", Date.from(lastInboundAt))
                .set("proven", true);
        if (channel == Channel.WHATSAPP) {
            update.set("lastWhatsAppInboundAt", Date.from(lastInboundAt));
        }
        return mongo.upsert(Query.query(Criteria.where("_id").is(customerId)), update, COLLECTION).then();
    }

    @Override
    public Mono<Void> touchWhatsApp(String customerId, Instant at) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)), new Update().set("lastWhatsAppInboundAt", Date.from(at)), COLLECTION)
                .then();
    }

    @Override
    public Mono<Entry> find(String customerId) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(customerId)), Document.class, COLLECTION)
                .map(doc -> new Entry(
                        customerId,
                        new Contact(Contact.Kind.valueOf(doc.getString("kind")), doc.getString("value")),
                        Channel.valueOf(doc.getString("channel")),
                        doc.getDate("lastInboundAt").toInstant(),
                        doc.getDate("lastWhatsAppInboundAt") == null ? null : doc.getDate("lastWhatsAppInboundAt").toInstant(),
                        // Entries written before proofs were recorded came from WhatsApp or phone gateways, or the web.
                        doc.getBoolean("proven") != null ? doc.getBoolean("proven") : !"WEB".equals(doc.getString("channel"))));
    }
}
