package fr.numi.contracts.testing;

import com.google.crypto.tink.Aead;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.privacy.MasterKey;
import fr.numi.contracts.privacy.MongoCustomerKeys;
import fr.numi.contracts.privacy.PersonalFields;
import fr.numi.contracts.privacy.Sealing;
import fr.numi.contracts.privacy.UnstoredKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * For the services' integration tests: the body of a record a service wrote, its personal fields opened with the
 * customer's key as a consumer would, so a test can check what the person will read. What travels is checked sealed by
 * contracts' SealedEventsTest and by the local stack's test of the broker's files.
 */
public final class SealedRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PersonalFields PERSONAL = PersonalFields.fromContracts();

    private SealedRecords() {}

    /**
     * A record as an instance writes it when the key store does not answer and that instance then dies before it could
     * store the key it made: the fields are sealed with that key, which only the record carries
     * ({@link UnstoredKey#HEADER}). Made with the tests' master key ({@link TestKeys}), as the services under test use.
     */
    public static ProducerRecord<String, byte[]> writtenByAnInstanceThatDied(String source, String topic, String key, String id,
            String type, String subject, Object body) {
        // a key store nobody answers at: port 1 is closed
        MongoClient away = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:1"))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(200, TimeUnit.MILLISECONDS))
                .build());
        try (away; MongoCustomerKeys dying = new MongoCustomerKeys(away.getDatabase("numi-keys"), MasterKey.of(TestKeys.MASTER_KEY),
                Duration.ofMinutes(1), Clock.systemUTC())) {
            ProducerRecord<String, byte[]> record = new EventWriter(source, JSON, PERSONAL, dying)
                    .record(topic, key, id, type, subject, Instant.now(), body);
            if (record.headers().lastHeader(UnstoredKey.HEADER) == null) {
                throw new IllegalStateException("the record does not carry the key made while the store was away");
            }
            return record;
        }
    }

    /** A record's headers as text (CloudEvents attributes, and a carried key: base64url). */
    public static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    /**
     * The record's body with its personal fields opened (a field whose key is gone is left out), as a consumer's reader
     * opens it: with the key the record carries if it carries one (made while the key store did not answer), then with
     * the customer's stored key.
     */
    public static JsonNode open(ConsumerRecord<String, byte[]> record, CustomerKeys keys) {
        JsonNode tree = JSON.readTree(record.value());
        var fields = PERSONAL.of(record.topic());
        if (tree instanceof ObjectNode object && Sealing.anySealed(object, fields)) {
            String customerId = object.path("customerId").asString("");
            Header header = record.headers().lastHeader(UnstoredKey.HEADER);
            Aead carried = header == null ? null : keys.carried(customerId, UnstoredKey.wrappedOf(header.value()));
            Supplier<Aead> stored = () -> keys.find(customerId).block(Duration.ofSeconds(10));
            Aead key = carried == null ? stored.get() : UnstoredKey.carriedFirst(carried, stored);
            Sealing.open(object, fields, customerId, key);
        }
        return tree;
    }
}
