package fr.numi.intake.request.persistence;

import fr.numi.intake.request.application.PublishedTickets;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link PublishedTickets} in collection {@code tickets} of numi-intake, {@code _id} = ticket id (an idempotent upsert). */
@Component
class MongoPublishedTickets implements PublishedTickets {

    static final String COLLECTION = "tickets";

    private final ReactiveMongoTemplate mongo;

    MongoPublishedTickets(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> remember(Ticket ticket) {
        return mongo.upsert(Query.query(Criteria.where("_id").is(ticket.ticketId())),
                        new Update().set("trackingTokenHash", ticket.trackingTokenHash()).set("customerId", ticket.customerId())
                                .set("channel", ticket.channel()),
                        COLLECTION)
                .then();
    }

    @Override
    public Mono<Ticket> find(String ticketId) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(ticketId)), Document.class, COLLECTION)
                .map(d -> new Ticket(ticketId, d.getString("trackingTokenHash"), d.getString("customerId"), d.getString("channel")));
    }
}
