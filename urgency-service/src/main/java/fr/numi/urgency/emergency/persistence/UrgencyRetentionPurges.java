package fr.numi.urgency.emergency.persistence;

import com.mongodb.client.model.Filters;
import fr.numi.contracts.retention.RetentionPurge;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * urgency-service's purges (docs/privacy.md "Retention"), run by its retention job ({@code fr.numi.contracts.retention}):
 * an urgency and the sighting of its ticket (customer id, channel, what kind of harm) {@code numi.retention.urgencies}
 * after it was triggered, never while it is being declared; a delivery report (a provider's refusal may quote the
 * number) {@code numi.retention.deliveries} after it, never while its failure page is pending. Deleting twice deletes
 * nothing more: a run cut short is done again by the next.
 */
@Configuration(proxyBeanMethods = false)
class UrgencyRetentionPurges {

    @Bean
    RetentionPurge urgenciesPurge(ReactiveMongoTemplate mongo, @Value("${numi.retention.urgencies}") Duration retention) {
        return purge(mongo, "urgencies", UrgencyDocuments.URGENCIES, retention,
                cutOff -> Filters.and(Filters.lt("triggeredAt", cutOff), Filters.ne("status", UrgencyStatus.DECLARING.name())));
    }

    @Bean
    RetentionPurge sightingsPurge(ReactiveMongoTemplate mongo, @Value("${numi.retention.urgencies}") Duration retention) {
        return purge(mongo, "ticket-sightings", UrgencyDocuments.SIGHTINGS, retention, cutOff -> Filters.lt("receivedAt", cutOff));
    }

    @Bean
    RetentionPurge deliveryReportsPurge(ReactiveMongoTemplate mongo, @Value("${numi.retention.deliveries}") Duration retention) {
        return purge(mongo, "delivery-reports", MongoDeliveryReports.REPORTS, retention,
                cutOff -> Filters.and(Filters.lt("at", cutOff), Filters.ne("failurePage.status", PageStatus.PENDING.name())));
    }

    private static RetentionPurge purge(ReactiveMongoTemplate mongo, String kind, String collection, Duration retention,
            Function<Date, Bson> older) {
        return new RetentionPurge() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Mono<Long> purge(Instant now) {
                return mongo.getCollection(collection)
                        .flatMap(c -> Mono.from(c.deleteMany(older.apply(Date.from(now.minus(retention))))))
                        .map(result -> result.getDeletedCount());
            }
        };
    }
}
