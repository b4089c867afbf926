package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.deploy.manifests.Tool;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local/replay-dlq.sh}, as an operator runs it, with Debian's kcat and jq, against a real broker (the
 * local infra, in this JVM): dead letters shaped as numi's error handler writes them go back to their topic, each with
 * its key (on the partition the Java clients give that key), its value byte for byte and its headers, without the
 * dead-letter ones; {@code --dry-run} writes nothing. Without kcat or jq: skipped, or failed under CI ({@link Tool}).
 */
@Order(4) // own infrastructure, before the shared stack (junit-platform.properties)
class ReplayDeadLettersIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("deploy/local/replay-dlq.sh");
    static final String SOURCE = "ticket.lifecycle.v1";
    static final String DLQ = SOURCE + ".feedback-service.dlq";
    static final int PARTITIONS = 6;

    @TempDir
    Path dir;

    @Test
    void shouldWriteEachDeadLetterBackToItsTopicWithItsKeyValueAndHeadersButNotTheDeadLetterOnes() throws Exception {
        Tool.require("kcat", "apt-get install kcat", System.getenv());
        Tool.require("jq", "apt-get install jq", System.getenv());
        InfraSettings settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, dir.resolve("data"));
        try (LocalInfra infra = LocalInfra.start(settings);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(SOURCE, PARTITIONS, (short) 1), new NewTopic(DLQ, PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);

            // given: two dead letters, a JSON body the consumer refused and a body that is not even UTF-8
            byte[] json = "{\"ticketId\":\"NUMI-7K3Q-9XMD\",\"status\":\"PARKED\"}".getBytes(StandardCharsets.UTF_8);
            byte[] binary = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28, '{', '\n', 'x'};
            send(settings, deadLetter(2, "NUMI-7K3Q-9XMD", json, "ticket-7K3Q:ticket-parked"));
            send(settings, deadLetter(4, "NUMI-AB12-CD34", binary, "ticket-AB12:ticket-received"));

            // when: a dry run
            Run dry = run(settings, DLQ, "--dry-run");

            // then: it lists them and writes nothing
            assertThat(dry.exit()).as(dry.output()).isZero();
            assertThat(dry.output()).contains("would replay " + DLQ + " 2@0 -> " + SOURCE, "ce_id=ticket-7K3Q:ticket-parked",
                    "ticket=NUMI-7K3Q-9XMD", "reason=ticket.lifecycle.v1 record with an invalid status", "2 record(s) would be replayed");
            assertThat(readAll(settings, SOURCE, 0)).isEmpty();

            // when: the replay
            Run replay = run(settings, DLQ);

            // then: both records are back on their topic, as they were before they failed
            assertThat(replay.exit()).as(replay.output()).isZero();
            assertThat(replay.output()).contains("2 record(s) replayed", "partition 2: 0", "partition 4: 0");
            List<ConsumerRecord<byte[], byte[]>> back = readAll(settings, SOURCE, 2);
            assertThat(back).hasSize(2);
            ConsumerRecord<byte[], byte[]> first = byKey(back, "NUMI-7K3Q-9XMD");
            ConsumerRecord<byte[], byte[]> second = byKey(back, "NUMI-AB12-CD34");
            assertThat(first.value()).isEqualTo(json);
            assertThat(second.value()).isEqualTo(binary);
            for (ConsumerRecord<byte[], byte[]> record : back) {
                assertThat(record.partition()).as("the partition of its key, as the Java clients place it")
                        .isEqualTo(Utils.toPositive(Utils.murmur2(record.key())) % PARTITIONS);
                assertThat(header(record, "ce_source")).isEqualTo("/numi/ticket-service");
                assertThat(header(record, "ce_type")).isEqualTo("fr.numi.ticket.ticket-parked.v1");
                assertThat(header(record, "content-type")).isEqualTo("application/json");
                assertThat(record.headers()).extracting(Header::key).noneMatch(name -> name.startsWith("x-"));
            }
            assertThat(header(first, "ce_id")).isEqualTo("ticket-7K3Q:ticket-parked");

            // and only what is asked for, the next time
            Run again = run(settings, DLQ, "--partition", "4", "--from-offset", "1");
            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(again.output()).contains("nothing to replay");
        }
    }

    /** A record as numi's error handler dead-letters it: the original key, value and headers, plus the x-* ones. */
    static ProducerRecord<byte[], byte[]> deadLetter(int partition, String ticketId, byte[] value, String ceId) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(DLQ, partition, ticketId.getBytes(StandardCharsets.UTF_8), value);
        Map<String, String> cloudEvent = Map.of("ce_specversion", "1.0", "ce_id", ceId, "ce_source", "/numi/ticket-service",
                "ce_type", "fr.numi.ticket.ticket-parked.v1", "ce_time", "2026-12-01T10:00:00Z", "ce_subject", ticketId,
                "content-type", "application/json");
        cloudEvent.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        record.headers().add("x-original-topic", SOURCE.getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(3).array());
        record.headers().add("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(17L).array());
        record.headers().add("x-exception-fqcn", "fr.numi.contracts.cloudevents.RejectedEventException".getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-exception-message", "ticket.lifecycle.v1 record with an invalid status".getBytes(StandardCharsets.UTF_8));
        record.headers().add("x-exception-stacktrace", "RejectedEventException: ...\n\tat fr.numi...\n".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    record Run(int exit, String output) {}

    Run run(InfraSettings settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "replay", ".log");
        ProcessBuilder script = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().put("NUMI_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        Process process = script.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the script finishes").isTrue();
        return new Run(process.exitValue(), Files.readString(log));
    }

    static void send(InfraSettings settings, ProducerRecord<byte[], byte[]> record) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafkaBootstrap(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every record of the topic, once at least {@code expected} have come (or after a few seconds of nothing). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(InfraSettings settings, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafkaBootstrap(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 30).toNanos();
            while (System.nanoTime() < until && (expected == 0 || found.size() < expected)) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }

    static ConsumerRecord<byte[], byte[]> byKey(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
