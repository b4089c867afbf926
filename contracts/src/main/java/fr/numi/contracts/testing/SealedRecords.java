package fr.numi.contracts.testing;

import com.google.crypto.tink.Aead;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.privacy.PersonalFields;
import fr.numi.contracts.privacy.Sealing;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /** The record's body with its personal fields opened (a field whose key is gone is left out). */
    public static JsonNode open(ConsumerRecord<String, byte[]> record, CustomerKeys keys) {
        JsonNode tree = JSON.readTree(record.value());
        var fields = PERSONAL.of(record.topic());
        if (tree instanceof ObjectNode object && Sealing.anySealed(object, fields)) {
            String customerId = object.path("customerId").asString("");
            Aead key = keys.find(customerId).block(Duration.ofSeconds(10));
            Sealing.open(object, fields, customerId, key);
        }
        return tree;
    }
}
