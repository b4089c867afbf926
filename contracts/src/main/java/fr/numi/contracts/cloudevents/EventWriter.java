package fr.numi.contracts.cloudevents;

import com.google.crypto.tink.Aead;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.privacy.PersonalFields;
import fr.numi.contracts.privacy.PersonalFields.FieldPath;
import fr.numi.contracts.privacy.Sealing;
import fr.numi.contracts.privacy.UnstoredKey;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a service's events as Kafka records in CloudEvents 1.0 binary mode with the CloudEvents SDK: the JSON body
 * (written by the service's {@link JsonMapper}) is the value, the attributes are {@code ce_*} headers in plain UTF-8
 * and {@code content-type} is {@code application/json}. The record is sent with the service's
 * {@code KafkaTemplate<String, byte[]>}, so the producer settings of numi-defaults.yml apply.
 * <p>
 * The fields the topic's schema marks as personal ({@link PersonalFields}) are sealed with the key of the body's
 * {@code customerId} ({@link CustomerKeys}, made on the customer's first event), so no person's contact, name or words
 * reach the broker in clear (crypto-shredding: docs/privacy.md). A key made while the key store did not answer travels
 * with the record, wrapped by the master key ({@link UnstoredKey}).
 */
public final class EventWriter {

    public static final String JSON = "application/json";

    private final URI source;
    private final JsonMapper json;
    private final PersonalFields personal;
    private final CustomerKeys keys;

    /** A writer with nothing to seal: every topic's body is written as it is (tests of the envelope). */
    public EventWriter(String source, JsonMapper json) {
        this(source, json, PersonalFields.none(), null);
    }

    /** @param source {@code ce_source}, {@code /numi/<service>} */
    public EventWriter(String source, JsonMapper json, PersonalFields personal, CustomerKeys keys) {
        this.source = URI.create(source);
        this.json = json;
        this.personal = personal;
        this.keys = keys;
    }

    /**
     * @param key the record key: the aggregate id, so one aggregate's events stay in order
     * @param id {@code ce_id}, stable across retries (derived from the id of what caused the event)
     * @param subject {@code ce_subject}, the ticket id (null: no header)
     */
    public ProducerRecord<String, byte[]> record(String topic, String key, String id, String type, String subject, Instant time,
            Object body) {
        List<FieldPath> fields = personal.of(topic);
        if (fields.isEmpty()) {
            return build(topic, key, id, type, subject, time, json.writeValueAsBytes(body));
        }
        return CustomerKeys.await(recordReactive(topic, key, id, type, subject, time, body), "sealing " + topic + " " + id);
    }

    /**
     * {@link #record}, for a caller that must not block (a WebFlux handler): the customer's key is obtained without
     * waiting on the caller's thread.
     */
    public Mono<ProducerRecord<String, byte[]>> recordReactive(String topic, String key, String id, String type, String subject,
            Instant time, Object body) {
        List<FieldPath> fields = personal.of(topic);
        if (fields.isEmpty()) {
            return Mono.fromCallable(() -> build(topic, key, id, type, subject, time, json.writeValueAsBytes(body)));
        }
        JsonNode tree = json.valueToTree(body);
        if (!(tree instanceof ObjectNode object) || !Sealing.anyPlain(object, fields)) {
            return Mono.fromCallable(() -> build(topic, key, id, type, subject, time, json.writeValueAsBytes(tree)));
        }
        String customerId = object.path("customerId").asString("");
        if (customerId.isBlank()) {
            return Mono.error(new IllegalArgumentException(topic + " " + id + " carries personal fields and no customerId to seal them with"));
        }
        return keys.obtain(customerId).map((Aead aead) -> {
            Sealing.seal(object, fields, customerId, aead);
            ProducerRecord<String, byte[]> record = build(topic, key, id, type, subject, time, json.writeValueAsBytes(object));
            if (aead instanceof UnstoredKey unstored) {
                // a key the store does not have yet: the record carries it, so it opens even if this instance dies now
                record.headers().add(UnstoredKey.HEADER, unstored.header());
            }
            return record;
        });
    }

    private ProducerRecord<String, byte[]> build(String topic, String key, String id, String type, String subject, Instant time,
            byte[] data) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(data)
                .build();
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
    }

    public String source() {
        return source.toString();
    }
}
