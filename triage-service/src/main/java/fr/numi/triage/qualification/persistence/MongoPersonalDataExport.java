package fr.numi.triage.qualification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.triage.qualification.application.PersonalDataExport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The person's archived decisions (with the words they were taken on) and contact history: what an erasure deletes. */
@Component
class MongoPersonalDataExport implements PersonalDataExport {

    private final ReactiveMongoTemplate mongo;

    MongoPersonalDataExport(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Map<String, List<Map<String, Object>>>> of(String customerId) {
        Map<String, Query> queries = new LinkedHashMap<>();
        queries.put(MongoDecisionArchive.COLLECTION, query(where("customerId").is(customerId)));
        queries.put(MongoContactHistory.COLLECTION, query(where("_id").is(customerId)));
        return CustomerExport.find(mongo, queries);
    }
}
