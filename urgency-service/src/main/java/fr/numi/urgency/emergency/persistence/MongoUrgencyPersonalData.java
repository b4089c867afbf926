package fr.numi.urgency.emergency.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.urgency.emergency.application.UrgencyPersonalData;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link UrgencyPersonalData} over {@code urgencies}, {@code ticket_sightings} and {@code delivery_reports}. The reports'
 * reasons go first (found through the person's tickets), then the customer ids, so a run cut in between is completed
 * by running it again. A report's {@code version} moves with the change, so a concurrent conditional write reads again.
 */
@Component
class MongoUrgencyPersonalData implements UrgencyPersonalData {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    MongoUrgencyPersonalData(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, Long> forget(String customerId, String marker) {
        List<String> tickets = mongo.find(query(where("customerId").is(customerId)), Document.class, UrgencyDocuments.URGENCIES)
                .concatWith(mongo.find(query(where("customerId").is(customerId)), Document.class, UrgencyDocuments.SIGHTINGS))
                .map(d -> d.getString("_id"))
                .distinct()
                .collectList()
                .block(TIMEOUT);
        long reports = tickets.isEmpty() ? 0 : mongo.updateMulti(query(where("ticketId").in(tickets).and("reason").ne(null)),
                        new Update().unset("reason").inc("version", 1), MongoDeliveryReports.REPORTS)
                .map(r -> r.getModifiedCount()).block(TIMEOUT);
        long urgencies = mongo.updateMulti(query(where("customerId").is(customerId)), new Update().set("customerId", marker),
                UrgencyDocuments.URGENCIES).map(r -> r.getModifiedCount()).block(TIMEOUT);
        long sightings = mongo.updateMulti(query(where("customerId").is(customerId)), new Update().set("customerId", marker),
                UrgencyDocuments.SIGHTINGS).map(r -> r.getModifiedCount()).block(TIMEOUT);
        return Map.of("urgencies", urgencies, "ticket_sightings", sightings, "delivery_reports", reports);
    }

    @Override
    public Mono<Map<String, List<Map<String, Object>>>> export(String customerId) {
        return mongo.find(query(where("customerId").is(customerId)), Document.class, UrgencyDocuments.URGENCIES)
                .concatWith(mongo.find(query(where("customerId").is(customerId)), Document.class, UrgencyDocuments.SIGHTINGS))
                .map(d -> d.getString("_id"))
                .distinct()
                .collectList()
                .flatMap(tickets -> {
                    Map<String, Query> queries = new LinkedHashMap<>();
                    queries.put(UrgencyDocuments.URGENCIES, query(where("customerId").is(customerId)));
                    queries.put(UrgencyDocuments.SIGHTINGS, query(where("customerId").is(customerId)));
                    queries.put(MongoDeliveryReports.REPORTS, query(where("ticketId").in(tickets)));
                    return CustomerExport.find(mongo, queries);
                });
    }
}
