package fr.numi.intake.request.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds Kafka records in CloudEvents 1.0 binary content mode: JSON body as the value, attributes as
 * {@code ce_*} headers in plain UTF-8 (no JSON quoting, so any CloudEvents consumer reads them).
 */
public final class CloudEventRecords {

    public static final String SOURCE = "/numi/intake-service";

    private CloudEventRecords() {}

    public static ProducerRecord<String, byte[]> record(
            String topic, String key, String id, String type, String subject, Instant time, byte[] body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", type);
        header(record, "ce_time", time.toString());
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
