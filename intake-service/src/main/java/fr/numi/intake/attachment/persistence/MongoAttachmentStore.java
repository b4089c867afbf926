package fr.numi.intake.attachment.persistence;

import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import fr.numi.intake.attachment.application.AttachmentStore;
import fr.numi.intake.attachment.domain.AttachmentJob;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link AttachmentStore} in numi-intake: the jobs in {@code attachments} ({@code _id} = attachment
 * id: a gateway's retry registers nothing new), claimed by a conditional update with a lease so
 * that two instances never fetch the same one at once; the files in the GridFS bucket
 * {@code attachment_files} ({@code _id} = attachment id).
 */
@Component
class MongoAttachmentStore implements AttachmentStore {

    static final String COLLECTION = "attachments";
    static final String BUCKET = "attachment_files";

    private final ReactiveMongoTemplate mongo;

    MongoAttachmentStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> register(List<AttachmentJob> jobs) {
        return Flux.fromIterable(jobs)
                .concatMap(job -> mongo.insert(document(job), COLLECTION)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                        .onErrorResume(e -> e instanceof com.mongodb.MongoWriteException w && w.getError().getCode() == 11000, e -> Mono.empty()))
                .then();
    }

    @Override
    public Flux<AttachmentJob> claimDue(Instant now, Instant leaseUntil, int max) {
        Query due = Query.query(new Criteria().andOperator(
                Criteria.where("status").in(AttachmentJob.Status.PENDING.name(), AttachmentJob.Status.RETRYING.name()),
                Criteria.where("nextAttemptAt").lte(Date.from(now)),
                new Criteria().orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lte(Date.from(now)))));
        Update lease = new Update().set("leaseUntil", Date.from(leaseUntil));
        return Flux.range(0, max)
                .concatMap(i -> mongo.findAndModify(due, lease, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION))
                .map(MongoAttachmentStore::job);
    }

    @Override
    public Mono<Void> update(AttachmentJob job) {
        Update update = new Update()
                .set("status", job.status().name())
                .set("attempts", job.attempts())
                .set("nextAttemptAt", job.nextAttemptAt() == null ? null : Date.from(job.nextAttemptAt()))
                .set("reason", job.reason())
                .set("mimeType", job.mimeType())
                .set("sizeBytes", job.sizeBytes())
                .unset("leaseUntil");
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(job.attachmentId())), update, COLLECTION).then();
    }

    @Override
    public Mono<AttachmentJob> find(String attachmentId) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(attachmentId)), Document.class, COLLECTION).map(MongoAttachmentStore::job);
    }

    @Override
    public Mono<Void> keep(String attachmentId, String mimeType, byte[] content) {
        return bucket().flatMap(bucket -> Mono.from(bucket.delete(new BsonString(attachmentId)))
                .onErrorResume(e -> Mono.empty())
                .then(Mono.from(bucket.uploadFromPublisher(new BsonString(attachmentId), attachmentId,
                        Mono.just(ByteBuffer.wrap(content)), new GridFSUploadOptions().metadata(new Document("contentType", mimeType))))));
    }

    @Override
    public Mono<byte[]> content(String attachmentId) {
        return bucket().flatMap(bucket -> Flux.from(bucket.downloadToPublisher(new BsonString(attachmentId)))
                .collect(ByteArrayOutputStream::new, (out, buffer) -> {
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    out.writeBytes(chunk);
                })
                .map(ByteArrayOutputStream::toByteArray)
                .onErrorResume(com.mongodb.MongoGridFSException.class, e -> Mono.empty()));
    }

    private Mono<GridFSBucket> bucket() {
        return mongo.getMongoDatabase().map(db -> GridFSBuckets.create(db, BUCKET));
    }

    private static Document document(AttachmentJob job) {
        return new Document("_id", job.attachmentId())
                .append("requestId", job.requestId())
                .append("ticketId", job.ticketId())
                .append("customerId", job.customerId())
                .append("source", job.source())
                .append("reference", job.reference())
                .append("type", job.type())
                .append("declaredMimeType", job.declaredMimeType())
                .append("filename", job.filename())
                .append("status", job.status().name())
                .append("attempts", job.attempts())
                .append("nextAttemptAt", job.nextAttemptAt() == null ? null : Date.from(job.nextAttemptAt()))
                // A job is registered due at once: its first due time is when it arrived, which retention counts from.
                .append("registeredAt", job.nextAttemptAt() == null ? null : Date.from(job.nextAttemptAt()));
    }

    private static AttachmentJob job(Document d) {
        return new AttachmentJob(d.getString("_id"), d.getString("requestId"), d.getString("ticketId"), d.getString("customerId"),
                d.getString("source"), d.getString("reference"), d.getString("type"), d.getString("declaredMimeType"), d.getString("filename"),
                AttachmentJob.Status.valueOf(d.getString("status")), d.getInteger("attempts", 0),
                d.getDate("nextAttemptAt") == null ? null : d.getDate("nextAttemptAt").toInstant(), d.getString("reason"),
                d.getString("mimeType"), d.get("sizeBytes") == null ? null : ((Number) d.get("sizeBytes")).longValue());
    }
}
