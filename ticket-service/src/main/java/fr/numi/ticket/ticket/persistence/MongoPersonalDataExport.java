package fr.numi.ticket.ticket.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.ticket.ticket.application.PersonalDataExport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The person's tickets ({@code tickets}: the whole document, with the timeline: their messages, agents' replies and
 * notes, the triage's reasons) and their conversation pointer ({@code conversations}). What others wrote stays theirs:
 * on the person's own ticket, the lines another person wrote into it (a merge) are left out; on a ticket of somebody
 * else the person wrote into, only the ticket's id and the person's own lines are exported.
 */
@Component
class MongoPersonalDataExport implements PersonalDataExport {

    private final ReactiveMongoTemplate mongo;

    MongoPersonalDataExport(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Map<String, List<Map<String, Object>>>> of(String customerId) {
        Map<String, Query> queries = new LinkedHashMap<>();
        queries.put(TicketDocument.COLLECTION,
                query(new Criteria().orOperator(where("customerId").is(customerId), where("timeline.customerId").is(customerId))));
        queries.put(MongoTicketStore.CONVERSATIONS, query(where("_id").is(customerId)));
        return CustomerExport.find(mongo, queries).map(found -> {
            Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>(found);
            parts.put(TicketDocument.COLLECTION, found.get(TicketDocument.COLLECTION).stream().map(t -> onlyTheirs(t, customerId)).toList());
            return parts;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyTheirs(Map<String, Object> ticket, String customerId) {
        boolean own = customerId.equals(ticket.get("customerId"));
        List<Map<String, Object>> lines = new ArrayList<>();
        if (ticket.get("timeline") instanceof List<?> timeline) {
            for (Object line : timeline) {
                Map<String, Object> l = (Map<String, Object>) line;
                Object writer = l.get("customerId");
                if (own ? writer == null || customerId.equals(writer) : customerId.equals(writer)) {
                    lines.add(l);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(own ? ticket : Map.of("_id", Objects.requireNonNull(ticket.get("_id"))));
        out.put("timeline", lines);
        return out;
    }
}
