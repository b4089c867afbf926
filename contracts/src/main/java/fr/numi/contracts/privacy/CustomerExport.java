package fr.numi.contracts.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's export (right of access, GDPR art. 15; issue 14 item 3): every service answers
 * {@code GET /api/v1/privacy/customers/{customerId}/data} (role DPO) with its {@link Part}, the documents it keeps on
 * the person as they are at rest (nothing at rest is sealed: each service reads its own data in clear), and
 * intake-service puts the parts together into one document. The documents are copied whole rather than picked field by
 * field, so a field added to a collection later is exported without anyone remembering to add it here.
 */
public final class CustomerExport {

    /** Where each service serves its part. */
    public static final String PATH = "/api/v1/privacy/customers/{customerId}/data";

    /** A customer id as intake makes them ({@code cus_} and 32 hex digits). */
    public static final Pattern CUSTOMER_ID = Pattern.compile("cus_[0-9a-f]{32}");

    /** The id an erasure puts in place of the person's: it names nobody, so its export is empty. */
    public static final String ERASED_CUSTOMER = "cus_00000000000000000000000000000000";

    /**
     * One service's part.
     *
     * @param collections per collection (in the service's database), the person's documents, in plain JSON values
     *     (dates as ISO-8601 instants, binary content left out)
     */
    public record Part(String service, String customerId, Map<String, List<Map<String, Object>>> collections) {

        public Part {
            collections = collections == null ? Map.of() : collections;
        }

        /** How many documents the part holds, all collections together. */
        public int size() {
            return collections.values().stream().mapToInt(List::size).sum();
        }
    }

    private CustomerExport() {}

    /** Whether {@code customerId} can name a person (the erased marker does not). */
    public static boolean namesAPerson(String customerId) {
        return customerId != null && CUSTOMER_ID.matcher(customerId).matches() && !ERASED_CUSTOMER.equals(customerId);
    }

    /**
     * The documents each query finds in its collection, collection by collection in the map's order (every collection
     * named, an empty list where nothing is found).
     */
    public static Mono<Map<String, List<Map<String, Object>>>> find(ReactiveMongoTemplate mongo, Map<String, Query> queries) {
        return Flux.fromIterable(queries.entrySet())
                .concatMap(q -> mongo.find(q.getValue(), Document.class, q.getKey()).map(CustomerExport::plain).collectList()
                        .map(docs -> Map.entry(q.getKey(), docs)))
                .collect(LinkedHashMap<String, List<Map<String, Object>>>::new, (m, e) -> m.put(e.getKey(), e.getValue()))
                .map(m -> (Map<String, List<Map<String, Object>>>) m);
    }

    /** A stored document as JSON-ready values: dates as instants' text, object ids as hex, binary content out. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plain(Map<String, Object> document) {
        return (Map<String, Object>) value(document);
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(v instanceof Binary || v instanceof byte[])) {
                    out.put(String.valueOf(k), value(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Instant || value instanceof ObjectId || value instanceof Decimal128) {
            return value.toString();
        }
        return value;
    }
}
