package fr.numi.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import fr.numi.deploy.identity.AgentSignIn;
import fr.numi.deploy.identity.IdentitySettings;
import java.net.URI;

/**
 * Runs the packaged local infra as its own JVM, as {@code deploy/local/numi-local.sh} does, on
 * free ports and a temporary data folder.
 */
@Order(5) // own infrastructure, before the shared stack (junit-platform.properties)
class LocalInfraIT {

    private static final String TOPIC = "deploy.local-infra-checked.v1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldKeepKafkaRecordsAndMongoDocumentsAcrossARestart() throws Exception {
        // given
        Map<String, String> env = Map.of(
                "NUMI_DATA_DIR", workDir.resolve("data").toString(),
                "NUMI_KAFKA_PORT", Integer.toString(FreePorts.next()),
                "NUMI_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.next()),
                "NUMI_MONGO_PORT", Integer.toString(FreePorts.next()),
                "NUMI_SMTP_PORT", Integer.toString(FreePorts.next()),
                "NUMI_MAILBOX_PORT", Integer.toString(FreePorts.next()),
                IdentitySettings.PORT, Integer.toString(FreePorts.next()),
                IdentitySettings.DEMO_PASSWORD, "local-infra-it-password");
        String issuer = "http://127.0.0.1:" + env.get(IdentitySettings.PORT);
        String bootstrap = "127.0.0.1:" + env.get("NUMI_KAFKA_PORT");
        String mongoUri = "mongodb://127.0.0.1:" + env.get("NUMI_MONGO_PORT");

        // when
        Process first = startInfra(env, "first");
        produce(bootstrap, "ticket-1", "first run");
        try (var mongo = MongoClients.create(mongoUri)) {
            var things = mongo.getDatabase("numi_it").getCollection("things");
            things.insertOne(new Document("_id", "ticket-1").append("state", "OPEN"));
            assertThat(things.find(new Document("_id", "ticket-1")).first()).containsEntry("state", "OPEN");
        }
        assertThat(consumeAll(bootstrap)).extracting(ConsumerRecord::value).containsExactly("first run");
        String token = AgentSignIn.accessToken(issuer, "maitre", "local-infra-it-password");
        stop(first, "first");

        Process second = startInfra(env, "second");

        // then
        assertThat(consumeAll(bootstrap))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.key()).isEqualTo("ticket-1");
                    assertThat(record.value()).isEqualTo("first run");
                });
        try (var mongo = MongoClients.create(mongoUri)) {
            var things = mongo.getDatabase("numi_it").getCollection("things");
            assertThat(things.find(new Document("_id", "ticket-1")).first()).containsEntry("state", "OPEN");
        }
        // and the identity provider signs with the key it made on the first run
        JWKSet keys = JWKSet.load(URI.create(issuer + "/oauth2/jwks").toURL());
        assertThat(keys.getKeyByKeyId(SignedJWT.parse(token).getHeader().getKeyID())).isNotNull();
        assertThat(AgentSignIn.accessToken(issuer, "padawan", "local-infra-it-password")).isNotBlank();
        stop(second, "second");
    }

    private Process startInfra(Map<String, String> env, String name) throws IOException {
        Path log = workDir.resolve(name + ".log");
        var builder = new ProcessBuilder(javaCommand()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        await("the ready line in " + log)
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("the infra process exited; see " + log, () -> !process.isAlive())
                .until(() -> Files.readString(log, UTF_8).contains(LocalInfra.READY_PREFIX));
        return process;
    }

    /** SIGTERM, as Ctrl-C or the script's stop would send: the shutdown hook stops both servers. */
    private void stop(Process process, String name) throws Exception {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(Files.readString(workDir.resolve(name + ".log"), UTF_8)).contains("LocalInfra - Stopped");
    }

    private static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
        String jar = System.getProperty("numi.deploy.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            command.addAll(List.of("-jar", jar));
        } else {
            // From an IDE, before `mvn package`: the test classpath holds the same classes.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalInfra.class.getName()));
        }
        return command;
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            var records = new ArrayList<ConsumerRecord<String, String>>();
            await("every record up to the end offsets")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                    });
            return records;
        }
    }

}
