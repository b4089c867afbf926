package fr.numi.feedback.kpi.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.numi.contracts.retention.RetentionPurge;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Retention of the KPIs' link to a person (docs/privacy.md "Retention"): a ticket's KPI state keeps the pseudonymous
 * customer id only to ask that person for a rating; {@code numi.retention.kpi-customer-ids} (12 months, as the
 * conversation) after the ticket closed it is removed, and the KPIs (times, levels, category, rating) are kept,
 * anonymous, for as long as the hotline reports on them. The update moves the store version on, so a concurrent write
 * of the same ticket retries on the anonymised state rather than bringing the id back.
 */
@Component
class MongoKpiRetention implements RetentionPurge {

    private final ReactiveMongoTemplate mongo;
    private final Duration retention;

    MongoKpiRetention(ReactiveMongoTemplate mongo, @Value("${numi.retention.kpi-customer-ids}") Duration retention) {
        this.mongo = mongo;
        this.retention = retention;
    }

    @Override
    public String kind() {
        return "kpi-customer-ids";
    }

    @Override
    public Mono<Long> purge(Instant now) {
        return mongo.getCollection(TicketKpiDocument.COLLECTION)
                .flatMap(c -> Mono.from(c.updateMany(
                        Filters.and(Filters.lt("kpis.closedAt", Date.from(now.minus(retention))), Filters.ne("kpis.customerId", null)),
                        Updates.combine(Updates.set("kpis.customerId", null), Updates.inc("storeVersion", 1L)))))
                .map(result -> result.getModifiedCount());
    }
}
