package fr.numi.intake.phone.persistence;

import fr.numi.intake.phone.application.CallLog;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link CallLog} in collection {@code calls} of numi-intake; every write is an idempotent upsert. */
@Component
class MongoCallLog implements CallLog {

    static final String COLLECTION = "calls";

    private final ReactiveMongoTemplate mongo;

    MongoCallLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Call> merge(String callSid, Map<String, Object> fields) {
        Update update = new Update();
        fields.forEach((k, v) -> update.set(k, v instanceof Instant i ? Date.from(i) : v));
        return mongo.findAndModify(byId(callSid), update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .map(MongoCallLog::call);
    }

    @Override
    public Mono<Call> status(String callSid, long sequence, String status, Instant at) {
        Query newer = Query.query(Criteria.where("_id").is(callSid)
                .orOperator(Criteria.where("sequence").exists(false), Criteria.where("sequence").lt(sequence)));
        Update update = new Update().set("sequence", sequence).set("status", status);
        if (fr.numi.intake.phone.domain.PhoneMenu.isFinal(status)) {
            update.set("endedAt", Date.from(at));
        }
        // An older or repeated SequenceNumber matches nothing: the call is left as it is.
        return mongo.findAndModify(newer, update, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .switchIfEmpty(Mono.defer(() -> mongo.exists(byId(callSid), COLLECTION)
                        .flatMap(exists -> exists
                                ? Mono.<Document>empty()
                                : mongo.findAndModify(byId(callSid), update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                                        Document.class, COLLECTION))))
                .map(MongoCallLog::call);
    }

    @Override
    public Flux<Call> awaitingTranscription(Instant endedBefore) {
        return mongo.find(Query.query(Criteria.where("endedAt").lt(Date.from(endedBefore))
                                .and("recordingUrl").exists(true)
                                .and("transcriptionStatus").exists(false)),
                        Document.class, COLLECTION)
                .map(MongoCallLog::call);
    }

    private static Query byId(String callSid) {
        return Query.query(Criteria.where("_id").is(callSid));
    }

    private static Call call(Document d) {
        Date ended = d.getDate("endedAt");
        return new Call(d.getString("_id"), d.getString("from"), d.getString("digits"), d.getString("speech"), d.getString("recordingUrl"),
                d.getString("recordingSid"), d.getString("transcription"), d.getString("transcriptionStatus"), d.getString("status"),
                ended == null ? null : ended.toInstant(), d.getString("answeredBy"));
    }
}
