package fr.numi.contracts.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a service's events as Kafka records in CloudEvents 1.0 binary mode with the CloudEvents SDK: the JSON body
 * (written by the service's {@link JsonMapper}) is the value, the attributes are {@code ce_*} headers in plain UTF-8
 * and {@code content-type} is {@code application/json}. The record is sent with the service's
 * {@code KafkaTemplate<String, byte[]>}, so the producer settings of numi-defaults.yml apply.
 */
public final class EventWriter {

    public static final String JSON = "application/json";

    private final URI source;
    private final JsonMapper json;

    /** @param source {@code ce_source}, {@code /numi/<service>} */
    public EventWriter(String source, JsonMapper json) {
        this.source = URI.create(source);
        this.json = json;
    }

    /**
     * @param key the record key: the aggregate id, so one aggregate's events stay in order
     * @param id {@code ce_id}, stable across retries (derived from the id of what caused the event)
     * @param subject {@code ce_subject}, the ticket id (null: no header)
     */
    public ProducerRecord<String, byte[]> record(String topic, String key, String id, String type, String subject, Instant time,
            Object body) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(json.writeValueAsBytes(body))
                .build();
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
    }

    public String source() {
        return source.toString();
    }
}
