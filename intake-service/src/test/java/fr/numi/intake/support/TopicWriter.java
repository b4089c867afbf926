package fr.numi.intake.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka producer writing CloudEvents binary-mode records the way the other services do. */
public final class TopicWriter {

    private TopicWriter() {}

    public static void send(String brokers, String topic, String key, String ceId, String ceSource, String ceType, byte[] body) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
            add(record, "ce_specversion", "1.0");
            add(record, "ce_id", ceId);
            add(record, "ce_source", ceSource);
            add(record, "ce_type", ceType);
            add(record, "ce_time", "2026-11-26T09:40:00Z");
            add(record, "ce_subject", key);
            add(record, "content-type", "application/json");
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write test record to " + topic, e);
        }
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
