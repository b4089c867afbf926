package fr.numi.urgency.emergency.persistence;

import static fr.numi.urgency.emergency.persistence.UrgencyDocuments.date;

import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import fr.numi.urgency.emergency.application.DeliveryReports;
import fr.numi.urgency.emergency.domain.DeliveryOutcome;
import fr.numi.urgency.emergency.domain.DeliveryReport;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.PageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code delivery_reports} of {@code numi-urgency}, {@code _id} = notification id: what intake
 * reported of each message for the person. The first write is an insert (error 11000: someone was first),
 * later ones are conditional on {@code version}, so no write is lost without transactions. Kept apart from
 * the urgency document, which the protocol rewrites while intake may already be reporting.
 */
@Component
class MongoDeliveryReports implements DeliveryReports {

    static final String REPORTS = "delivery_reports";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int DUPLICATE_KEY = 11000;

    private final ReactiveMongoTemplate mongo;

    MongoDeliveryReports(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<DeliveryReport> find(String notificationId) {
        return Optional.ofNullable(reports(c -> Mono.from(c.find(new Document("_id", notificationId)).first()))).map(MongoDeliveryReports::report);
    }

    @Override
    public boolean save(DeliveryReport report, int expectedVersion) {
        if (expectedVersion == 0) {
            Document document = new Document("_id", report.notificationId());
            document.putAll(fields(report));
            return Boolean.TRUE.equals(reports(c -> Mono.from(c.insertOne(document)).thenReturn(true)
                    .onErrorResume(MongoWriteException.class, e -> e.getError().getCode() == DUPLICATE_KEY ? Mono.just(false) : Mono.error(e))));
        }
        Document filter = new Document("_id", report.notificationId()).append("version", expectedVersion);
        Long matched = reports(c -> Mono.from(c.updateOne(filter, new Document("$set", fields(report)))).map(r -> r.getMatchedCount()));
        return matched != null && matched == 1;
    }

    @Override
    public void saveFailurePage(String notificationId, Page page) {
        reports(c -> Mono.from(c.updateOne(new Document("_id", notificationId),
                new Document("$set", new Document("failurePage", UrgencyDocuments.page(page))).append("$inc", new Document("version", 1)))));
    }

    @Override
    public boolean claimFailurePage(String notificationId, Instant now, Instant leaseUntil) {
        Document filter = new Document("_id", notificationId).append("failurePage.status", PageStatus.PENDING.name())
                .append("$or", List.of(new Document("failurePage.leaseUntil", null),
                        new Document("failurePage.leaseUntil", new Document("$lte", date(now)))));
        Long modified = mongo.getCollection(REPORTS)
                .flatMap(c -> Mono.from(c.updateOne(filter, new Document("$set", new Document("failurePage.leaseUntil", date(leaseUntil))))))
                .map(r -> r.getModifiedCount())
                .block(TIMEOUT);
        return modified != null && modified == 1;
    }

    @Override
    public List<DeliveryReport> findUnpaged(Instant before) {
        Document filter = new Document("failurePage.status", PageStatus.PENDING.name()).append("failurePage.at", new Document("$lt", date(before)));
        return mongo.getCollection(REPORTS)
                .flatMapMany(c -> Flux.from(c.find(filter).limit(100)))
                .map(MongoDeliveryReports::report)
                .collectList()
                .block(TIMEOUT);
    }

    private static Document fields(DeliveryReport r) {
        return new Document("ticketId", r.ticketId())
                .append("kind", r.kind())
                .append("outcome", r.outcome().name())
                .append("reason", r.reason())
                .append("at", date(r.at()))
                .append("statusIds", r.statusIds())
                .append("version", r.version())
                .append("failurePage", r.failurePage() == null ? null : UrgencyDocuments.page(r.failurePage()));
    }

    private static DeliveryReport report(Document d) {
        Document page = d.get("failurePage", Document.class);
        return new DeliveryReport(d.getString("_id"), d.getString("ticketId"), d.getString("kind"), DeliveryOutcome.valueOf(d.getString("outcome")),
                d.getString("reason"), instant(d.getDate("at")), d.getList("statusIds", String.class), d.getInteger("version", 1),
                page == null ? null : new Page(PageStatus.valueOf(page.getString("status")), page.getInteger("attempts", 0),
                        instant(page.getDate("at")), page.getString("error")));
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private <T> T reports(Function<MongoCollection<Document>, Mono<T>> call) {
        return mongo.getCollection(REPORTS).flatMap(call).block(TIMEOUT);
    }
}
