package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The topic provisioning script (compose's one-shot job and the Kubernetes Job) creates exactly the
 * topics of contracts/events/catalogue.json and the dead-letter topics the services name.
 */
class TopicsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String SCRIPT = "deploy/k8s/base/kafka-topics/provision-topics.sh";

    static Set<String> listed(String variable) throws IOException {
        Matcher block = Pattern.compile("(?s)\\n" + variable + "=\"\\n(.*?)\"\\n").matcher(Files.readString(ROOT.resolve(SCRIPT)));
        assertThat(block.find()).as(variable + " in " + SCRIPT).isTrue();
        return new TreeSet<>(Arrays.asList(block.group(1).strip().split("\\s+")));
    }

    @Test
    void shouldProvisionEveryTopicOfTheCatalogue() throws IOException {
        List<String> catalogue = JsonPath.read(ROOT.resolve("contracts/events/catalogue.json").toFile(), "$.topics[*].topic");

        assertThat(listed("TOPICS")).containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void shouldProvisionEveryDeadLetterTopicTheServicesWriteTo() throws IOException {
        Set<String> deadLetters = new TreeSet<>();
        ServiceConfig.load(ROOT).values().forEach(c -> deadLetters.addAll(c.deadLetterTopics()));

        assertThat(deadLetters).hasSizeGreaterThanOrEqualTo(15).allMatch(t -> t.endsWith(".dlq"));
        assertThat(listed("DEAD_LETTER_TOPICS")).containsExactlyInAnyOrderElementsOf(deadLetters);
    }

    @Test
    void shouldListEveryDeadLetterTopicInTheEventsDoc() throws IOException {
        String events = Files.readString(ROOT.resolve("docs/events.md"));

        assertThat(listed("DEAD_LETTER_TOPICS")).allSatisfy(topic -> assertThat(events).contains("| `" + topic + "` |"));
    }

    @Test
    void shouldGiveEveryTopicItsRetentionAndTheBinderTheSame() throws IOException {
        // every topic and dead-letter topic is provisioned with a retention.ms of its kind (docs/privacy.md "Retention")
        String script = Files.readString(ROOT.resolve(SCRIPT));
        assertThat(script).contains("RETENTION_MS=\"${RETENTION_MS:-1209600000}\"", "DLQ_RETENTION_MS=\"${DLQ_RETENTION_MS:-2419200000}\"",
                "for topic in $TOPICS; do provision \"$topic\" \"$RETENTION_MS\"; done",
                "for topic in $DEAD_LETTER_TOPICS; do provision \"$topic\" \"$DLQ_RETENTION_MS\"; done",
                "--config \"retention.ms=$retention\"", "retention.ms=$retention,");

        // and the topics the services' binder creates where nothing provisions them (local run, tests) get the same
        String defaults = Files.readString(ROOT.resolve("contracts/src/main/resources/numi-defaults.yml"));
        assertThat(defaults).contains("\"[retention.ms]\": ${NUMI_KAFKA_RETENTION_MS:1209600000}",
                "\"[retention.ms]\": ${NUMI_KAFKA_DLQ_RETENTION_MS:2419200000}");
    }

    @Test
    void shouldDefaultToProductionSettings() throws IOException {
        String script = Files.readString(ROOT.resolve(SCRIPT));

        assertThat(Files.isExecutable(ROOT.resolve(SCRIPT))).isTrue();
        assertThat(script).contains("PARTITIONS=\"${PARTITIONS:-6}\"", "REPLICATION=\"${REPLICATION:-3}\"",
                "MIN_INSYNC_REPLICAS=\"${MIN_INSYNC_REPLICAS:-2}\"", "--if-not-exists", "min.insync.replicas=");
    }
}
