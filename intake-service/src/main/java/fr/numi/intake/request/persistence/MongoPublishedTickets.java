package fr.numi.intake.request.persistence;

import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Contact;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link PublishedTickets} in collection {@code tickets} of numi-intake, {@code _id} = ticket id (reserved for one
 * request id before publication: the unique {@code _id} index makes references unique; then an idempotent upsert), and
 * {@code tracking_tokens} ({@code _id} = the token's SHA-256 → ticket id), so that a token is found by key (the
 * Mongo-wire server scans for anything but {@code _id}).
 */
@Component
class MongoPublishedTickets implements PublishedTickets {

    static final String COLLECTION = "tickets";
    static final String TOKENS = "tracking_tokens";

    private final ReactiveMongoTemplate mongo;

    MongoPublishedTickets(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> reserve(String ticketId, String requestId, Instant at) {
        // _id is the reference: one findAndModify creates the entry for this request or returns whoever holds it.
        Query query = Query.query(Criteria.where("_id").is(ticketId));
        Update update = new Update().setOnInsert("requestId", requestId).setOnInsert("reservedAt", Date.from(at));
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                // Two requests racing for the same new reference: the loser reads the winner's entry.
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findOne(query, Document.class, COLLECTION))
                .map(doc -> requestId.equals(doc.getString("requestId")));
    }

    @Override
    public Mono<Void> remember(Ticket ticket) {
        Update update = new Update().set("trackingTokenHash", ticket.trackingTokenHash()).set("customerId", ticket.customerId())
                .set("channel", ticket.channel()).set("requestId", ticket.requestId())
                .set("contactKind", ticket.contact() == null ? null : ticket.contact().kind().name())
                .set("contactValue", ticket.contact() == null ? null : ticket.contact().value());
        // A proof, once given, is never taken back by a redelivery of the request.
        update = ticket.contactProven() ? update.set("contactProven", true) : update.setOnInsert("contactProven", false);
        return mongo.upsert(Query.query(Criteria.where("_id").is(ticket.ticketId())), update, COLLECTION)
                .then(mongo.upsert(Query.query(Criteria.where("_id").is(ticket.trackingTokenHash())),
                        new Update().set("ticketId", ticket.ticketId()), TOKENS))
                .then();
    }

    @Override
    public Mono<Ticket> find(String ticketId) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(ticketId)), Document.class, COLLECTION).map(MongoPublishedTickets::ticket);
    }

    @Override
    public Mono<Ticket> findByTrackingTokenHash(String trackingTokenHash) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(trackingTokenHash)), Document.class, TOKENS)
                .flatMap(pointer -> find(pointer.getString("ticketId")))
                .filter(t -> trackingTokenHash.equals(t.trackingTokenHash()));
    }

    @Override
    public Mono<Void> markProven(String ticketId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(ticketId)), new Update().set("contactProven", true), COLLECTION).then();
    }

    private static Ticket ticket(Document d) {
        String kind = d.getString("contactKind");
        String value = d.getString("contactValue");
        return new Ticket(d.getString("_id"), d.getString("trackingTokenHash"), d.getString("customerId"), d.getString("channel"),
                d.getString("requestId"), kind == null || value == null ? null : new Contact(Contact.Kind.valueOf(kind), value),
                Boolean.TRUE.equals(d.getBoolean("contactProven")));
    }
}
