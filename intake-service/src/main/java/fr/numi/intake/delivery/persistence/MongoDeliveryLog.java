package fr.numi.intake.delivery.persistence;

import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.OutgoingMessage;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Via;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeliveryLog} in collection {@code deliveries} of numi-intake: {@code _id} = notification id,
 * created by an idempotent upsert, then the outcome. Outbox entries also keep the recipient and text
 * (the local run only: with provider credentials nothing is kept).
 */
@Component
class MongoDeliveryLog implements DeliveryLog {

    static final String COLLECTION = "deliveries";

    private final ReactiveMongoTemplate mongo;

    MongoDeliveryLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Entry> claim(Notification n, Instant at) {
        Query query = byId(n.notificationId());
        Update update = new Update()
                .setOnInsert("ticketId", n.ticketId())
                .setOnInsert("customerId", n.customerId())
                .setOnInsert("kind", n.kind())
                .setOnInsert("requestedChannel", n.channel())
                .setOnInsert("firstSeenAt", Date.from(at));
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findOne(query, Document.class, COLLECTION))
                .map(MongoDeliveryLog::entry);
    }

    @Override
    public Mono<Void> settle(String notificationId, DeliveryStatus status, OutgoingMessage kept) {
        Update update = new Update()
                .set("outcome", status.outcome().name())
                .set("published", false)
                .set("channel", status.channel())
                .set("via", status.via() == null ? null : status.via().name())
                .set("providerMessageId", status.providerMessageId())
                .set("reason", status.reason())
                .set("at", Date.from(status.at()));
        if (kept != null) {
            update.set("to", kept.to()).set("text", kept.text());
        }
        return mongo.updateFirst(byId(notificationId), update, COLLECTION).then();
    }

    @Override
    public Mono<Void> markPublished(String notificationId) {
        return mongo.updateFirst(byId(notificationId), new Update().set("published", true), COLLECTION).then();
    }

    @Override
    public Mono<Entry> find(String notificationId) {
        return mongo.findOne(byId(notificationId), Document.class, COLLECTION).map(MongoDeliveryLog::entry);
    }

    @Override
    public Mono<String> latestSurvey(String customerId, Instant since) {
        return mongo.find(Query.query(Criteria.where("customerId").is(customerId).and("kind").is(Notification.SURVEY)
                                .and("at").gte(Date.from(since)).and("outcome").ne(Outcome.FAILED.name()))
                                .with(Sort.by(Sort.Direction.DESC, "at")).limit(1),
                        Document.class, COLLECTION)
                .next()
                .map(d -> d.getString("ticketId"));
    }

    @Override
    public Flux<OutboxEntry> outbox(String ticketId) {
        return mongo.find(Query.query(Criteria.where("ticketId").is(ticketId).and("outcome").is(Outcome.OUTBOX.name()))
                                .with(Sort.by("at")),
                        Document.class, COLLECTION)
                .map(d -> new OutboxEntry(d.getString("_id"), d.getString("ticketId"), d.getString("kind"),
                        d.getString("via") == null ? null : Via.valueOf(d.getString("via")), d.getString("to"), d.getString("text"),
                        d.getDate("at").toInstant()));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    private static Entry entry(Document d) {
        String outcome = d.getString("outcome");
        DeliveryStatus status = outcome == null ? null : new DeliveryStatus(
                d.getString("_id"), d.getString("ticketId"), d.getString("customerId"), d.getString("channel"), d.getString("kind"),
                Outcome.valueOf(outcome), d.getString("via") == null ? null : Via.valueOf(d.getString("via")),
                d.getString("providerMessageId"), d.getString("reason"), d.getDate("at").toInstant());
        return new Entry(d.getString("_id"), d.getString("ticketId"), d.getString("customerId"), d.getString("kind"),
                outcome == null ? null : Outcome.valueOf(outcome), Boolean.TRUE.equals(d.getBoolean("published")), status);
    }
}
