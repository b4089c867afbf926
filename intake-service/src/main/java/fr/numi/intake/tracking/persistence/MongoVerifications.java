package fr.numi.intake.tracking.persistence;

import com.mongodb.client.model.UpdateOptions;
import fr.numi.intake.tracking.application.Verifications;
import fr.numi.intake.tracking.domain.VerificationCode;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link Verifications} in numi-intake: {@code verifications} ({@code _id} = ticket reference: the
 * pending code's hash, expiry and tries) and {@code verification_limits} (one counter per ticket and
 * per contact and hour, raised by a conditional upsert: under the limit it counts, at the limit the
 * upsert meets the existing key and is refused, so two instances cannot both pass the limit).
 */
@Component
class MongoVerifications implements Verifications {

    static final String COLLECTION = "verifications";
    static final String LIMITS = "verification_limits";

    private final ReactiveMongoTemplate mongo;

    MongoVerifications(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> recordSent(String ticketId, String contactKey, String codeHash, Instant now) {
        long hour = now.getEpochSecond() / 3600;
        Date hourEnd = Date.from(Instant.ofEpochSecond((hour + 1) * 3600));
        return count("ticket:" + ticketId + ":" + hour, hourEnd)
                .flatMap(ok -> ok ? count("contact:" + contactKey + ":" + hour, hourEnd) : Mono.just(false))
                .flatMap(ok -> !ok ? Mono.just(false)
                        : mongo.upsert(Query.query(Criteria.where("_id").is(ticketId)), new Update()
                                        .set("codeHash", codeHash)
                                        .set("expiresAt", Date.from(now.plus(VerificationCode.VALIDITY)))
                                        .set("tries", 0), COLLECTION)
                                .thenReturn(true));
    }

    /** One more code for {@code key} this hour; {@code expireAt}, the hour's end, is what retention counts from. */
    private Mono<Boolean> count(String key, Date expireAt) {
        return mongo.getCollection(LIMITS)
                .flatMap(c -> Mono.from(c.updateOne(
                        new Document("_id", key).append("count", new Document("$lt", VerificationCode.MAX_SENT_PER_HOUR)),
                        new Document("$inc", new Document("count", 1)).append("$setOnInsert", new Document("expireAt", expireAt)),
                        new UpdateOptions().upsert(true))))
                .map(result -> true)
                .onErrorResume(e -> e instanceof com.mongodb.MongoWriteException w && w.getError().getCode() == 11000, e -> Mono.just(false));
    }

    @Override
    public Mono<VerificationCode.Pending> pending(String ticketId) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(ticketId)), Document.class, COLLECTION)
                .map(d -> new VerificationCode.Pending(ticketId, d.getString("codeHash"),
                        d.getDate("expiresAt") == null ? Instant.EPOCH : d.getDate("expiresAt").toInstant(), d.getInteger("tries", 0)));
    }

    @Override
    public Mono<Void> countTry(String ticketId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(ticketId)), new Update().inc("tries", 1), COLLECTION).then();
    }

    @Override
    public Mono<Void> clear(String ticketId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(ticketId)), new Update().unset("codeHash"), COLLECTION).then();
    }
}
