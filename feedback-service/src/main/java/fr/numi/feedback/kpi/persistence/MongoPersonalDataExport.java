package fr.numi.feedback.kpi.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.feedback.kpi.application.PersonalDataExport;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The KPI records of the person's tickets ({@code kpi_tickets}: ratings, times, levels; comments' words are never kept).
 * {@code kpi_presence} counts agents per hour and names nobody.
 */
@Component
class MongoPersonalDataExport implements PersonalDataExport {

    private final ReactiveMongoTemplate mongo;

    MongoPersonalDataExport(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Map<String, List<Map<String, Object>>>> of(String customerId) {
        return CustomerExport.find(mongo, Map.of(TicketKpiDocument.COLLECTION, query(where("kpis.customerId").is(customerId))));
    }
}
