package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.deploy.FreePorts;
import fr.numi.deploy.InfraSettings;
import fr.numi.deploy.LocalInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * provision-topics.sh, as compose's job and the Kubernetes Job run it, with Kafka's own
 * kafka-topics.sh and kafka-configs.sh (their classes, from the test class path), against a real
 * broker: it creates every topic with the settings asked for, and brings a topic that already
 * exists with fewer partitions and a shorter retention up to them.
 */
@Order(3) // own infrastructure, before the shared stack (junit-platform.properties)
class TopicProvisioningIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void shouldCreateEveryTopicAndBringAnExistingOneToTheSettings() throws Exception {
        InfraSettings settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, dir.resolve("data"));
        try (LocalInfra infra = LocalInfra.start(settings);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()))) {
            // given: one topic already there, with 2 partitions and a 1 h retention
            admin.createTopics(List.of(new NewTopic("ticket.lifecycle.v1", 2, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                    .all().get(30, TimeUnit.SECONDS);

            // when: the script runs (one broker here: replication 1, one in-sync replica)
            Path bin = tools();
            ProcessBuilder script = new ProcessBuilder("sh", ROOT.resolve(TopicsTest.SCRIPT).toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("provision.log").toFile());
            script.environment().putAll(Map.of("KAFKA_BOOTSTRAP", settings.kafkaBootstrap(), "KAFKA_BIN", bin.toString(),
                    "REPLICATION", "1", "MIN_INSYNC_REPLICAS", "1"));
            Process process = script.start();
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the script finishes").isTrue();
            String log = Files.readString(dir.resolve("provision.log"));
            assertThat(process.exitValue()).as(log).isZero();

            // then: every topic and dead-letter topic, 6 partitions, the retention of its kind
            Set<String> expected = new TreeSet<>(TopicsTest.listed("TOPICS"));
            expected.addAll(TopicsTest.listed("DEAD_LETTER_TOPICS"));
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(expected);
            Collection<TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS).values();
            assertThat(topics).allSatisfy(t -> assertThat(t.partitions()).as(t.name()).hasSize(6));
            Map<ConfigResource, Config> configs = admin.describeConfigs(
                    expected.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                String retention = resource.name().endsWith(".dlq") ? "2419200000" : "1209600000";
                assertThat(config.get("retention.ms").value()).as(resource.name()).isEqualTo(retention);
                assertThat(config.get("min.insync.replicas").value()).as(resource.name()).isEqualTo("1");
                assertThat(config.get("unclean.leader.election.enable").value()).as(resource.name()).isEqualTo("false");
            });
            assertThat(log).contains("ticket.lifecycle.v1: 2 -> 6 partitions", TopicsTest.listed("TOPICS").size() + " topics and "
                    + TopicsTest.listed("DEAD_LETTER_TOPICS").size() + " dead-letter topics provisioned");
        }
    }

    /** kafka-topics.sh and kafka-configs.sh as Kafka's bin/ has them, on this JVM and class path. */
    private Path tools() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Map<String, String> tools = Map.of("kafka-topics.sh", "org.apache.kafka.tools.TopicCommand", "kafka-configs.sh", "kafka.admin.ConfigCommand");
        for (Map.Entry<String, String> tool : tools.entrySet()) {
            Path file = bin.resolve(tool.getKey());
            Files.writeString(file, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "
                    + "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp '" + classPath + "' " + tool.getValue() + " \"$@\"\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

}
