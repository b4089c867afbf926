package fr.numi.contracts.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Plain Kafka clients (no Spring header mapping) for the services' integration tests: write a record
 * in CloudEvents binary mode as another service would, and read records back from the beginning of a
 * topic, raw headers included, as any client sees them. Contract-testing tooling, like
 * {@link fr.numi.contracts.Contracts}: it carries no event type of any service.
 */
public final class Records {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Records() {}

    /** A fresh ticket id in intake's format, so each test finds its own records. */
    public static String newTicketId() {
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(CROCKFORD[RANDOM.nextInt(CROCKFORD.length)]);
        }
        return id.toString();
    }

    /** CloudEvents binary-mode headers as numi's producers write them. */
    public static Map<String, String> cloudEvent(String id, String source, String type, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_source", source);
        headers.put("ce_type", type);
        headers.put("ce_time", Instant.now().toString());
        if (subject != null) {
            headers.put("ce_subject", subject);
        }
        headers.put("content-type", "application/json");
        return headers;
    }

    /**
     * A record as the Kafka binder hands it to a consumer function: the value as payload, the raw headers as bytes. For
     * the function beans' unit tests, e.g. {@code handler.accept(Records.message(body, Records.cloudEvent(...)))}.
     */
    public static Message<byte[]> message(byte[] value, Map<String, String> headers) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(value);
        headers.forEach((name, v) -> message.setHeader(name, v.getBytes(StandardCharsets.UTF_8)));
        return message.build();
    }

    public static void send(String brokers, String topic, String key, byte[] value, Map<String, String> headers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not write the test record to " + topic, e);
        }
    }

    /** Waits (at most 30 s) for the first record of the topic that matches. */
    public static ConsumerRecord<String, byte[]> awaitRecord(
            String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        AtomicReference<ConsumerRecord<String, byte[]>> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(brokers))) {
            assignFromBeginning(consumer, topic);
            org.awaitility.Awaitility.await("a matching record on " + topic)
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (match.test(record)) {
                                found.set(record);
                                return true;
                            }
                        }
                        return false;
                    });
        }
        return found.get();
    }

    /** Every record of the topic written so far that matches (reads up to the current end of the topic). */
    public static List<ConsumerRecord<String, byte[]>> readAll(
            String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(brokers))) {
            List<org.apache.kafka.common.TopicPartition> partitions = assignFromBeginning(consumer, topic);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            org.awaitility.Awaitility.await("the end of " + topic)
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (match.test(record)) {
                                found.add(record);
                            }
                        }
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return found;
    }

    /** Writes a CloudEvents binary-mode record and waits for the broker's ack. */
    public static void send(String brokers, String topic, String key, String ceId, String ceSource, String ceType, String subject,
            byte[] body) {
        send(brokers, topic, key, body, cloudEvent(ceId, ceSource, ceType, subject));
    }

    /** Waits (at most 30 s) until {@code count} records of the topic match; returns them in offset order. */
    public static List<ConsumerRecord<String, byte[]>> await(
            String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> match, int count) {
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(brokers))) {
            assignFromBeginning(consumer, topic);
            org.awaitility.Awaitility.await(count + " matching record(s) on " + topic)
                    .atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (match.test(record)) {
                                found.add(record);
                            }
                        }
                        return found.size() >= count;
                    });
        }
        return found;
    }

    /** Same as {@link #readAll}: every matching record written so far. */
    public static List<ConsumerRecord<String, byte[]>> drain(
            String brokers, String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        return readAll(brokers, topic, match);
    }

    private static Map<String, Object> consumerConfig(String brokers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    /** Assigned, not subscribed: no group to join, the read starts at once. */
    private static List<org.apache.kafka.common.TopicPartition> assignFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
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
}
