package fr.numi.intake.retention.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import fr.numi.contracts.retention.RetentionPurge;
import fr.numi.intake.config.RetentionProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * intake-service's purges (docs/privacy.md "Retention"), one per kind of personal data it keeps, run by the service's
 * retention job ({@code fr.numi.contracts.retention}). Each deletes what its {@code numi.retention.*} no longer allows;
 * deleting twice deletes nothing more, so a run cut short is simply done again. The collections are named here as the
 * features' stores name them (the docs module checks docs/privacy.md names the same).
 */
@Configuration(proxyBeanMethods = false)
class IntakeRetentionPurges {

    @Bean
    RetentionPurge contactsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "contacts", retention.contacts(), cutOff -> Filters.lt("lastInboundAt", cutOff));
    }

    /** A request's record, then the tracking tokens that point to it. */
    @Bean
    RetentionPurge requestsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return purge("requests", now -> {
            Bson old = Filters.lt("reservedAt", Date.from(now.minus(retention.requests())));
            return mongo.getCollection("tickets").flatMap(tickets -> Flux.from(tickets.find(old).projection(Projections.include("_id")))
                    .map(d -> d.getString("_id"))
                    .concatMap(id -> mongo.getCollection("tracking_tokens")
                            .flatMap(tokens -> Mono.from(tokens.deleteMany(Filters.eq("ticketId", id))))
                            .then(Mono.from(tickets.deleteOne(Filters.eq("_id", id))))
                            .map(result -> result.getDeletedCount()))
                    .reduce(0L, Long::sum));
        });
    }

    @Bean
    RetentionPurge inboundPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "inbound", retention.inbound(), cutOff -> Filters.lt("firstSeenAt", cutOff));
    }

    @Bean
    RetentionPurge callsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "calls", retention.calls(), cutOff -> Filters.or(Filters.lt("startedAt", cutOff),
                Filters.and(Filters.exists("startedAt", false), Filters.lt("endedAt", cutOff))));
    }

    @Bean
    RetentionPurge ctiCallsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "cti_calls", retention.calls(), cutOff -> Filters.lt("firstSeenAt", cutOff));
    }

    /** Settled deliveries only: one under way (30 min at most, ADR 8) is never cut short. */
    @Bean
    RetentionPurge deliveriesPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "deliveries", retention.deliveries(),
                cutOff -> Filters.and(Filters.lt("firstSeenAt", cutOff), Filters.nin("state", "SENDING", "RETRY")));
    }

    @Bean
    RetentionPurge whatsAppStatusesPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "outbound_statuses", retention.deliveries(), cutOff -> Filters.lt("statuses.at", cutOff));
    }

    @Bean
    RetentionPurge verificationsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "verifications", retention.verifications(), cutOff -> Filters.lt("expiresAt", cutOff));
    }

    @Bean
    RetentionPurge verificationLimitsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return olderThan(mongo, "verification_limits", retention.verifications(), cutOff -> Filters.lt("expireAt", cutOff));
    }

    /** Rate-limit windows: MongoDB's TTL index drops them; the embedded Mongo-wire server does not, so this does. */
    @Bean
    RetentionPurge rateLimitsPurge(ReactiveMongoTemplate mongo) {
        return olderThan(mongo, "rate_limits", Duration.ZERO, cutOff -> Filters.lt("expireAt", cutOff));
    }

    /** The media people sent: the kept file (GridFS {@code attachment_files}), then its record. */
    @Bean
    RetentionPurge attachmentsPurge(ReactiveMongoTemplate mongo, RetentionProperties retention) {
        return purge("attachments", now -> {
            Bson old = Filters.lt("registeredAt", Date.from(now.minus(retention.attachments())));
            return mongo.getMongoDatabase().flatMap(db -> {
                var bucket = GridFSBuckets.create(db, "attachment_files");
                var records = db.getCollection("attachments");
                return Flux.from(records.find(old).projection(Projections.include("_id")))
                        .map(d -> d.getString("_id"))
                        .concatMap(id -> Mono.from(bucket.delete(new BsonString(id)))
                                .onErrorResume(com.mongodb.MongoGridFSException.class, e -> Mono.empty()) // never kept, or gone
                                .then(Mono.from(records.deleteOne(Filters.eq("_id", id))))
                                .map(result -> result.getDeletedCount()))
                        .reduce(0L, Long::sum);
            });
        });
    }

    private static RetentionPurge olderThan(ReactiveMongoTemplate mongo, String collection, Duration retention,
            Function<Date, Bson> older) {
        return purge(collection.replace('_', '-'), now -> mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.deleteMany(older.apply(Date.from(now.minus(retention))))))
                .map(result -> result.getDeletedCount()));
    }

    private static RetentionPurge purge(String kind, Function<Instant, Mono<Long>> purge) {
        return new RetentionPurge() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Mono<Long> purge(Instant now) {
                return purge.apply(now);
            }
        };
    }
}
