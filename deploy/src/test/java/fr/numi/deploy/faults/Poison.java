package fr.numi.deploy.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bad records written straight to {@code intake.request-received.v1}, one of each kind to every partition, as a
 * broken or hostile producer would write them; then, at the end, what the dead-letter topics hold: each consumer group
 * of the topic must have dead-lettered each of them, with the reason, and gone on (the suite checks the requests
 * behind them reached their queues).
 */
final class Poison {

    static final String TOPIC = "intake.request-received.v1";
    /** The consumer groups of the topic (docs/events.md); each dead-letters to {@code <topic>.<group>.dlq}. */
    static final List<String> GROUPS = List.of("triage-service", "ticket-service", "urgency-service");
    static final String REASON = "x-exception-message";

    /** What is wrong with the record. */
    enum Kind {
        INVALID_JSON("fr.numi.intake.request-received.v1", "{\"requestId\":\"poison\",\"channel\":"),
        UNKNOWN_VERSION("fr.numi.intake.request-received.v9", "{\"requestId\":\"poison\",\"channel\":\"WEB\"}"),
        MISSING_FIELD("fr.numi.intake.request-received.v1", "{\"channel\":\"WEB\",\"redButton\":false,\"text\":\"sans identifiants\"}");

        final String ceType;
        final String body;

        Kind(String ceType, String body) {
            this.ceType = ceType;
            this.body = body;
        }
    }

    /** One dead letter of ours: which group wrote it, for which poison record, and why. */
    record DeadLetter(String group, String key, String reason) {}

    private final String bootstrap;
    private final String runId;
    private final List<String> sentKeys = new ArrayList<>();

    Poison(String bootstrap, String runId) {
        this.bootstrap = bootstrap;
        this.runId = runId;
    }

    /** One record of each kind to every partition of the topic; returns once the broker has them all. */
    List<String> send(int round) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(TOPIC).size();
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                for (int p = 0; p < partitions; p++) {
                    String key = "poison-" + runId + "-" + round + "-" + kind.name().toLowerCase() + "-" + p;
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, p, key, kind.body.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_specversion", bytes("1.0"));
                    record.headers().add("ce_id", bytes(UUID.randomUUID().toString()));
                    record.headers().add("ce_source", bytes("/numi/fault-suite"));
                    record.headers().add("ce_type", bytes(kind.ceType));
                    record.headers().add("ce_time", bytes(Instant.now().toString()));
                    record.headers().add("content-type", bytes("application/json"));
                    acks.add(producer.send(record));
                    keys.add(key);
                }
            }
            for (var ack : acks) {
                ack.get(2, TimeUnit.MINUTES);
            }
        }
        sentKeys.addAll(keys);
        return keys;
    }

    List<String> sentKeys() {
        return List.copyOf(sentKeys);
    }

    /** Every dead letter of ours on the topic's dead-letter topics. */
    List<DeadLetter> deadLetters() throws InterruptedException {
        List<DeadLetter> found = new ArrayList<>();
        for (Map.Entry<String, List<ConsumerRecord<String, byte[]>>> topic : readDeadLetterTopics().entrySet()) {
            for (ConsumerRecord<String, byte[]> record : topic.getValue()) {
                if (record.key() != null && record.key().startsWith("poison-" + runId + "-") && topic.getKey().startsWith(TOPIC + ".")) {
                    String group = topic.getKey().substring(TOPIC.length() + 1, topic.getKey().length() - ".dlq".length());
                    found.add(new DeadLetter(group, record.key(), header(record, REASON)));
                }
            }
        }
        return found;
    }

    /** How many records every dead-letter topic holds, ours or not (a dead letter nobody sent on purpose is a finding). */
    Map<String, Integer> deadLetterCounts() throws InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        readDeadLetterTopics().forEach((topic, records) -> counts.put(topic, records.size()));
        return counts;
    }

    /** Dead letters on any topic that are not poison records of this run, by topic and the first line of their reason. */
    Map<String, Integer> otherDeadLetters() throws InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        readDeadLetterTopics().forEach((topic, records) -> records.stream()
                .filter(r -> r.key() == null || !r.key().startsWith("poison-" + runId + "-"))
                .forEach(r -> counts.merge(topic + ": " + firstLine(header(r, REASON)), 1, Integer::sum)));
        return counts;
    }

    private static String firstLine(String reason) {
        String line = reason == null ? "(no reason)" : reason.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private Map<String, List<ConsumerRecord<String, byte[]>>> readDeadLetterTopics() throws InterruptedException {
        Set<String> topics;
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            topics = client.listTopics().names().get(1, TimeUnit.MINUTES).stream().filter(t -> t.endsWith(".dlq")).collect(Collectors.toSet());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not list the topics", e);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                records.put(topic, new ArrayList<>());
                partitions.addAll(TopicWatch.partitionsOf(consumer, topic));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.get(record.topic()).add(record);
                }
            }
        }
        return records;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
