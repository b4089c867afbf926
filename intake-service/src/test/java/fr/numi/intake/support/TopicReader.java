package fr.numi.intake.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain Kafka consumer (no Spring header mapping) that reads a topic from the beginning: what any client sees. */
public final class TopicReader {

    private TopicReader() {}

    public static List<ConsumerRecord<String, byte[]>> readAll(String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> until) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (until.test(record)) {
                        return records;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within 20 s; saw " + records.size());
    }

    /** All matching records present once the topic has been read to its current end (to prove there is no duplicate). */
    public static List<ConsumerRecord<String, byte[]>> drain(String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 4) {
                var records = consumer.poll(Duration.ofMillis(250));
                if (records.isEmpty()) {
                    emptyPolls++;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (match.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, byte[]> rawHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    public static Predicate<ConsumerRecord<String, byte[]>> withId(String ceId) {
        return r -> ceId.equals(header(r, "ce_id"));
    }
}
