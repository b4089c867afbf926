package fr.numi.intake.delivery.persistence;

import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.application.OutgoingMessage;
import fr.numi.intake.delivery.domain.IdempotencyKey;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.delivery.domain.Via;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
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
 * <p>
 * While a message is under way the entry also holds {@code state} ({@code SENDING}: {@code owner} until
 * {@code leaseUntil}; {@code RETRY}: due at {@code retryAt}), {@code attempts}, {@code failures}, {@code retryUntil},
 * {@code lastError}, {@code capTaken}, {@code request} (what to send, so that any instance can send it again) and
 * {@code createdBy} (the claim that created it, taking it at once); settling removes them. Every change of hands is one
 * conditional find-and-modify on {@code _id} or on the due criteria, so two instances never hold one entry (no
 * transaction, no secondary index needed: the local Mongo-wire server has neither).
 */
@Component
class MongoDeliveryLog implements DeliveryLog {

    static final String COLLECTION = "deliveries";
    static final String SENDING = "SENDING";
    static final String RETRY = "RETRY";

    private final ReactiveMongoTemplate mongo;

    MongoDeliveryLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Claim> claim(Notification n, boolean proofRequired, boolean retryable, String owner, Instant now, Instant leaseUntil) {
        Query query = byId(n.notificationId());
        // Who created the entry: this claim when the stored document carries its own token.
        String token = UUID.randomUUID().toString();
        Update update = new Update()
                .setOnInsert("ticketId", n.ticketId())
                .setOnInsert("customerId", n.customerId())
                .setOnInsert("kind", n.kind())
                .setOnInsert("requestedChannel", n.channel())
                .setOnInsert("firstSeenAt", Date.from(now))
                .setOnInsert("idempotencyKey", IdempotencyKey.of(n.notificationId()))
                .setOnInsert("attempts", 1)
                .setOnInsert("createdBy", token);
        // Taken as acquire takes an entry, in the same round trip.
        taking(n, proofRequired, retryable, owner, leaseUntil).forEach(update::setOnInsert);
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findOne(query, Document.class, COLLECTION))
                // Made by this claim: its attempt starts from nothing before it (first attempt, no failure, no cap taken).
                .map(d -> new Claim(entry(d),
                        token.equals(d.getString("createdBy")) ? attempt(new Document(), n, proofRequired, false) : null));
    }

    @Override
    public Mono<Attempt> acquire(Notification n, boolean proofRequired, boolean retryable, String owner, Instant now, Instant leaseUntil) {
        Date at = Date.from(now);
        Query takeable = Query.query(new Criteria().andOperator(
                Criteria.where("_id").is(n.notificationId()),
                new Criteria().orOperator(Criteria.where("outcome").is(null), Criteria.where("outcome").is(Outcome.FAILED.name())),
                new Criteria().orOperator(
                        Criteria.where("state").is(null),
                        new Criteria().andOperator(Criteria.where("state").is(RETRY), Criteria.where("retryAt").lte(at)),
                        new Criteria().andOperator(Criteria.where("state").is(SENDING), Criteria.where("leaseUntil").lte(at)))));
        Update take = new Update()
                .inc("attempts", 1)
                .unset("retryAt")
                // A FAILED delivery taken again (its record replayed) starts afresh.
                .unset("outcome").unset("published").unset("reason");
        taking(n, proofRequired, retryable, owner, leaseUntil).forEach(take::set);
        return mongo.findAndModify(takeable, take, FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION)
                .map(before -> attempt(before, n, proofRequired, Outcome.FAILED.name().equals(before.getString("outcome"))));
    }

    @Override
    public Mono<Attempt> claimNextDue(String owner, Instant now, Instant leaseUntil) {
        Date at = Date.from(now);
        Query due = Query.query(new Criteria().andOperator(
                Criteria.where("outcome").is(null),
                new Criteria().orOperator(
                        new Criteria().andOperator(Criteria.where("state").is(RETRY), Criteria.where("retryAt").lte(at)),
                        new Criteria().andOperator(Criteria.where("state").is(SENDING), Criteria.where("retryable").is(true),
                                Criteria.where("leaseUntil").lte(at)))));
        Update take = new Update()
                .set("state", SENDING)
                .set("owner", owner)
                .set("leaseUntil", Date.from(leaseUntil))
                .inc("attempts", 1)
                .unset("retryAt");
        return mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION)
                .map(before -> attempt(before, notification(before), before.get("request", Document.class).getBoolean("proofRequired", true),
                        false));
    }

    @Override
    public Mono<Boolean> retryLater(String notificationId, String owner, int failures, Instant retryAt, Instant retryUntil, String reason) {
        Query mine = Query.query(new Criteria().andOperator(Criteria.where("_id").is(notificationId), Criteria.where("state").is(SENDING),
                Criteria.where("owner").is(owner)));
        Update later = new Update()
                .set("state", RETRY)
                .set("retryAt", Date.from(retryAt))
                .set("retryUntil", Date.from(retryUntil))
                .set("failures", failures)
                .set("lastError", reason)
                // It reached a provider: it was counted against the contact's hourly cap, once.
                .set("capTaken", true)
                .unset("owner")
                .unset("leaseUntil");
        return mongo.updateFirst(mine, later, COLLECTION).map(result -> result.getModifiedCount() > 0);
    }

    @Override
    public Mono<Void> settle(String notificationId, DeliveryStatus status, OutgoingMessage kept, boolean possibleDuplicate, Instant publishBy) {
        Update update = new Update()
                .set("outcome", status.outcome().name())
                .set("published", false)
                .set("channel", status.channel())
                .set("via", status.via() == null ? null : status.via().name())
                .set("providerMessageId", status.providerMessageId())
                .set("reason", status.reason())
                .set("at", Date.from(status.at()))
                // Whoever settles publishes; past this, any instance does (claimNextUnpublished).
                .set("leaseUntil", Date.from(publishBy))
                .unset("state").unset("owner").unset("retryAt").unset("retryUntil").unset("failures").unset("capTaken")
                .unset("request").unset("createdBy");
        if (possibleDuplicate) {
            update.set("possibleDuplicate", true);
        }
        if (kept != null) {
            update.set("to", kept.to()).set("text", kept.text());
        }
        return mongo.updateFirst(byId(notificationId), update, COLLECTION).then();
    }

    @Override
    public Mono<Entry> claimNextUnpublished(Instant now, Instant leaseUntil) {
        Query due = Query.query(new Criteria().andOperator(Criteria.where("published").is(false), Criteria.where("state").is(null),
                Criteria.where("leaseUntil").lte(Date.from(now))));
        Update take = new Update().set("leaseUntil", Date.from(leaseUntil));
        return mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .filter(d -> d.getString("outcome") != null)
                .map(MongoDeliveryLog::entry);
    }

    @Override
    public Mono<Void> markPublished(String notificationId) {
        return mongo.updateFirst(byId(notificationId), new Update().set("published", true).unset("leaseUntil"), COLLECTION).then();
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

    /** What taking an entry writes: who holds it until when, and what to send (so that any instance can send it again). */
    private static Document taking(Notification n, boolean proofRequired, boolean retryable, String owner, Instant leaseUntil) {
        return new Document("state", SENDING).append("owner", owner).append("leaseUntil", Date.from(leaseUntil))
                .append("retryable", retryable).append("request", request(n, proofRequired));
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    private static Document request(Notification n, boolean proofRequired) {
        Document request = new Document("channel", n.channel())
                .append("kind", n.kind())
                .append("text", n.text())
                .append("requestedAt", n.requestedAt() == null ? null : Date.from(n.requestedAt()))
                .append("trackingRequestId", n.trackingRequestId())
                .append("proofRequired", proofRequired);
        if (n.recipient() != null) {
            request.append("recipient", new Document("route", n.recipient().route().name())
                    .append("contactKind", n.recipient().contactKind())
                    .append("contactValue", n.recipient().contactValue()));
        }
        return request;
    }

    private static Notification notification(Document d) {
        Document r = d.get("request", Document.class);
        Document to = r.get("recipient", Document.class);
        Date requestedAt = r.getDate("requestedAt");
        return new Notification(d.getString("_id"), d.getString("ticketId"), d.getString("customerId"), r.getString("channel"),
                r.getString("kind"), r.getString("text"), requestedAt == null ? null : requestedAt.toInstant(),
                to == null ? null : new Notification.Recipient(Route.valueOf(to.getString("route")), to.getString("contactKind"),
                        to.getString("contactValue")),
                r.getString("trackingRequestId"));
    }

    /** The attempt a take starts, from the entry as it was before it. */
    private static Attempt attempt(Document before, Notification n, boolean proofRequired, boolean freshWindow) {
        Date retryUntil = before.getDate("retryUntil");
        return new Attempt(n, proofRequired, before.getInteger("attempts", 0) + 1, freshWindow ? 0 : before.getInteger("failures", 0),
                freshWindow || retryUntil == null ? null : retryUntil.toInstant(), SENDING.equals(before.getString("state")),
                !freshWindow && Boolean.TRUE.equals(before.getBoolean("capTaken")));
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
