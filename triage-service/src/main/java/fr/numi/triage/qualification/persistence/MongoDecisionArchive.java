package fr.numi.triage.qualification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoCommandException;
import fr.numi.triage.config.TriageProperties;
import fr.numi.triage.qualification.application.DecisionArchive;
import fr.numi.triage.qualification.application.TriageCorrection;
import fr.numi.triage.qualification.domain.Decision;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Decisions in triage's own database ({@code numi-triage}), collection {@value #COLLECTION}, one document per
 * request ({@code _id} = request id): ticket, customer, channel, <b>the person's words</b> (personal data), the
 * decision, {@code decidedAt}, and the agent's {@code correction} when there is one. A TTL index on
 * {@code decidedAt} deletes each document after {@code numi.triage.decision-retention} (180 days by default); it
 * is made (or its delay changed) at start-up, which fails if it cannot be. (The embedded Mongo-wire server of the
 * local run accepts the index but does not expire documents; MongoDB does.)
 *
 * <p>Idempotent without transactions: a decision is an upsert on the request id that never touches the
 * correction; a correction is written only over none or an older one.
 */
@Component
public class MongoDecisionArchive implements DecisionArchive, InitializingBean {

    public static final String COLLECTION = "decisions";
    static final String TTL_INDEX = "decidedAt_ttl";

    /** How long start-up waits for MongoDB to take the TTL index before it fails. */
    static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(MongoDecisionArchive.class);

    private final ReactiveMongoTemplate mongo;
    private final Duration timeout;
    private final Duration retention;

    MongoDecisionArchive(ReactiveMongoTemplate mongo, TriageProperties properties) {
        this.mongo = mongo;
        this.timeout = properties.storeTimeout();
        this.retention = properties.decisionRetention();
    }

    /**
     * The TTL index: personal data must not outlive its retention, so start-up fails when it cannot be set. A database
     * slow or away at start-up (a restart during an outage, a busy machine) is waited for, {@link #STARTUP_WAIT} at
     * most, rather than failing the start at the first time-out.
     */
    @Override
    public void afterPropertiesSet() {
        Index ttl = new Index().on("decidedAt", Sort.Direction.ASC).named(TTL_INDEX).expire(retention);
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (true) {
            try {
                mongo.indexOps(COLLECTION).createIndex(ttl).block(timeout);
                break;
            } catch (RuntimeException e) {
                if (optionsConflict(e)) {
                    // Same index with another delay (the retention setting changed): change the delay in place (collMod).
                    mongo.indexOps(COLLECTION).alterIndex(TTL_INDEX, IndexOptions.expireAfter(retention)).block(timeout);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot make the TTL index " + TTL_INDEX + " on numi-triage." + COLLECTION
                            + " (the decisions hold personal data and must expire): " + e.getMessage(), e);
                }
                log.warn("TTL index {} on {} not made yet, trying again: {}", TTL_INDEX, COLLECTION, e.toString());
                pause();
            }
        }
        log.info("decisions kept {} days (TTL index {} on {}.decidedAt)", retention.toDays(), TTL_INDEX, COLLECTION);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MongoDB", e);
        }
    }

    /** MongoDB's IndexOptionsConflict (85) or IndexKeySpecsConflict (86), anywhere in the causes. */
    private static boolean optionsConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoCommandException command && (command.getErrorCode() == 85 || command.getErrorCode() == 86)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void archive(ArchivedDecision archived) {
        Decision d = archived.decision();
        Update update = new Update()
                .set("requestId", archived.requestId())
                .set("ticketId", archived.ticketId())
                .set("customerId", archived.customerId())
                .set("channel", archived.channel())
                .set("text", archived.text())
                .set("decision", new Document("level", d.level())
                        .append("category", d.category())
                        .append("cyberTier", d.cyberTier().name())
                        .append("urgency", d.urgency().name())
                        .append("confidence", d.confidence())
                        .append("needsReview", d.needsReview())
                        .append("rulesVersion", d.rulesVersion())
                        .append("modelVersion", d.modelVersion()))
                .set("decidedAt", Date.from(d.decidedAt()));
        mongo.upsert(query(where("_id").is(archived.requestId())), update, COLLECTION).block(timeout);
    }

    @Override
    public int correct(List<String> requestIds, TriageCorrection c) {
        Long found = mongo.count(query(where("_id").in(requestIds)), COLLECTION).block(timeout);
        Date at = Date.from(c.correctedAt());
        Document correction = new Document("correctionId", c.correctionId())
                .append("agentId", c.agentId())
                .append("level", c.after().level())
                .append("category", c.category())
                .append("cyberTier", c.after().cyberTier().name())
                .append("correctedAt", at);
        Criteria notNewer = new Criteria().orOperator(where("correction").exists(false), where("correction.correctedAt").lte(at));
        mongo.updateMulti(query(where("_id").in(requestIds).andOperator(notNewer)), new Update().set("correction", correction), COLLECTION)
                .block(timeout);
        return found == null ? 0 : found.intValue();
    }

    @Override
    public long forget(String customerId) {
        return mongo.remove(query(where("customerId").is(customerId)), COLLECTION).map(r -> r.getDeletedCount()).block(timeout);
    }
}
