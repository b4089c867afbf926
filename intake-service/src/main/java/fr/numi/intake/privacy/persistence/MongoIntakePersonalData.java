package fr.numi.intake.privacy.persistence;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.intake.privacy.application.IntakePersonalData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link IntakePersonalData} over numi-intake's collections (docs/privacy.md, "Data at rest"). Each step is one
 * idempotent delete or update by customer id, or by the ids found from it, so an erasure cut anywhere (MongoDB gone, the
 * instance dead) is completed by running it again:
 * <ul>
 *   <li>{@code tickets} (intake's record of each reference it gave): kept as an anonymous reservation of the reference
 *       (so it is never given again), without customer id, contact, channel, request id or tracking-token hash;
 *   <li>{@code tracking_tokens}, {@code verifications}: deleted for those tickets (the tracking links stop working);
 *   <li>{@code contacts}: the customer's entry deleted;
 *   <li>{@code deliveries} (recipient, text, outcome; the local outbox) and their {@code outbound_statuses}: deleted;
 *   <li>{@code attachments} and their files in GridFS {@code attachment_files}: deleted;
 *   <li>{@code calls}, {@code cti_calls}: the calls from the person's number deleted (they record numbers, so each
 *       caller's number is turned into its customer id to find them).
 * </ul>
 * {@code inbound} holds gateway ids and a hash of each request, {@code rate_limits} and {@code verification_limits}
 * hourly counters: nothing that names the person, left to expire.
 */
@Component
class MongoIntakePersonalData implements IntakePersonalData {

    private final ReactiveMongoTemplate mongo;

    MongoIntakePersonalData(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Map<String, Long>> erase(String customerId, Function<String, String> customerIdOfCaller) {
        Map<String, Long> counts = new TreeMap<>();
        Query ofCustomer = Query.query(Criteria.where("customerId").is(customerId));
        return mongo.find(ofCustomer, Document.class, "tickets").collectList()
                .flatMap(tickets -> {
                    List<String> ticketIds = tickets.stream().map(d -> d.getString("_id")).toList();
                    List<String> tokenHashes = tickets.stream().map(d -> d.getString("trackingTokenHash")).filter(Objects::nonNull).toList();
                    return delete("tracking_tokens", Criteria.where("_id").in(tokenHashes), counts)
                            .then(delete("verifications", Criteria.where("_id").in(ticketIds), counts))
                            .then(mongo.updateMulti(ofCustomer, new Update().unset("customerId").unset("trackingTokenHash")
                                            .unset("contactKind").unset("contactValue").unset("channel").unset("requestId")
                                            .unset("contactProven").set("erased", true), "tickets")
                                    .doOnNext(r -> counts.put("tickets", r.getModifiedCount())));
                })
                .then(delete("contacts", Criteria.where("_id").is(customerId), counts))
                .then(mongo.find(ofCustomer, Document.class, "deliveries").map(d -> d.getString("_id")).collectList()
                        .flatMap(ids -> delete("outbound_statuses", Criteria.where("notificationId").in(ids), counts)))
                .then(delete("deliveries", Criteria.where("customerId").is(customerId), counts))
                .then(mongo.find(ofCustomer, Document.class, "attachments").map(d -> d.getString("_id")).collectList()
                        .flatMap(ids -> delete("attachment_files.chunks", Criteria.where("files_id").in(ids), counts)
                                .then(delete("attachment_files.files", Criteria.where("_id").in(ids), counts))))
                .then(delete("attachments", Criteria.where("customerId").is(customerId), counts))
                .then(callsFrom("calls", customerId, customerIdOfCaller, counts))
                .then(callsFrom("cti_calls", customerId, customerIdOfCaller, counts))
                .then(Mono.fromSupplier(() -> {
                    counts.remove("attachment_files.chunks");
                    Long files = counts.remove("attachment_files.files");
                    counts.put("attachment_files", files == null ? 0L : files);
                    return Map.copyOf(counts);
                }));
    }

    private Mono<Void> delete(String collection, Criteria criteria, Map<String, Long> counts) {
        return mongo.remove(Query.query(criteria), collection)
                .doOnNext(r -> counts.merge(collection, r.getDeletedCount(), Long::sum))
                .then();
    }

    /** The calls whose caller's number is the customer's: read with their number only, deleted by id. */
    private Mono<Void> callsFrom(String collection, String customerId, Function<String, String> customerIdOfCaller, Map<String, Long> counts) {
        Query withCaller = Query.query(Criteria.where("from").exists(true));
        withCaller.fields().include("from");
        return mongo.find(withCaller, Document.class, collection)
                .filter(d -> customerId.equals(customerIdOfCaller.apply(d.getString("from"))))
                .map(d -> d.get("_id"))
                .collectList()
                .flatMap(ids -> delete(collection, Criteria.where("_id").in(ids), counts));
    }

    /**
     * The same collections as {@link #erase}, read: the contact, the requests' records, their one-time codes, the
     * messages sent (while kept), the attachments' records and files' metadata (not their bytes), the calls from the
     * person's number, and the erasures of that customer id.
     */
    @Override
    public Mono<Map<String, List<Map<String, Object>>>> export(String customerId, Function<String, String> customerIdOfCaller) {
        Query ofCustomer = Query.query(Criteria.where("customerId").is(customerId));
        Mono<List<Object>> tickets = ids("tickets", ofCustomer);
        Mono<List<Object>> deliveries = ids("deliveries", ofCustomer);
        Mono<List<Object>> attachments = ids("attachments", ofCustomer);
        return Mono.zip(tickets, deliveries, attachments).flatMap(found -> {
            Map<String, Query> queries = new LinkedHashMap<>();
            queries.put("contacts", Query.query(Criteria.where("_id").is(customerId)));
            queries.put("tickets", ofCustomer);
            queries.put("verifications", Query.query(Criteria.where("_id").in(found.getT1())));
            queries.put("deliveries", ofCustomer);
            queries.put("outbound_statuses", Query.query(Criteria.where("notificationId").in(found.getT2())));
            queries.put("attachments", ofCustomer);
            queries.put("attachment_files.files", Query.query(Criteria.where("_id").in(found.getT3())));
            queries.put("erasures", ofCustomer);
            return CustomerExport.find(mongo, queries);
        }).flatMap(found -> Flux.just("calls", "cti_calls")
                .concatMap(collection -> callIds(collection, customerId, customerIdOfCaller)
                        .flatMap(ids -> CustomerExport.find(mongo, Map.of(collection, Query.query(Criteria.where("_id").in(ids))))))
                .<Map<String, List<Map<String, Object>>>>collect(() -> new LinkedHashMap<>(found), Map::putAll));
    }

    private Mono<List<Object>> ids(String collection, Query query) {
        Query onlyIds = Query.of(query);
        onlyIds.fields().include("_id");
        return mongo.find(onlyIds, Document.class, collection).map(d -> d.get("_id")).collectList();
    }

    private Mono<List<Object>> callIds(String collection, String customerId, Function<String, String> customerIdOfCaller) {
        Query withCaller = Query.query(Criteria.where("from").exists(true));
        withCaller.fields().include("from");
        return mongo.find(withCaller, Document.class, collection)
                .filter(d -> customerId.equals(customerIdOfCaller.apply(d.getString("from"))))
                .map(d -> d.get("_id"))
                .collectList();
    }
}
