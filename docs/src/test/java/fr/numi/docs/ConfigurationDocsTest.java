package fr.numi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.docs.ServiceConfigs.Input;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The topic and dead-letter tables of docs/events.md and docs/architecture.md say what the services are configured to
 * do: every {@code destination}, {@code group} and {@code dlq-name} of every service's application.yml, read here, so a
 * topic or a consumer added to a service's configuration fails this test until the docs say it too.
 */
class ConfigurationDocsTest {

    static final Path EVENTS = DocsTest.ROOT.resolve("docs/events.md");
    static final Path ARCHITECTURE = DocsTest.ROOT.resolve("docs/architecture.md");

    final ServiceConfigs configs = ServiceConfigs.load();

    /** The services named in a table cell ({@code feedback-service, ticket-service (live tracking streams)}). */
    static Set<String> services(String cell) {
        return Arrays.stream(cell.split("[,;]")).map(String::strip).map(s -> s.split("[ (]")[0])
                .filter(s -> s.endsWith("-service")).collect(Collectors.toCollection(TreeSet::new));
    }

    static Map<String, List<String>> byTopic(List<List<String>> rows) {
        Map<String, List<String>> byTopic = new TreeMap<>();
        rows.forEach(row -> byTopic.put(row.get(0), row));
        return byTopic;
    }

    Set<String> readers(String topic) {
        return configs.inputsOf(topic).stream().map(Input::service).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldReadOnlyTopicsOfTheCatalogue() {
        Set<String> catalogue = Contracts.catalogue().stream().map(Contracts.Topic::topic).collect(Collectors.toSet());
        assertThat(configs.inputs()).isNotEmpty().allSatisfy(input -> assertThat(catalogue)
                .as("%s's %s reads %s", input.service(), input.binding(), input.topic()).contains(input.topic()));
    }

    @Test
    void shouldNameEveryGroupAfterItsServiceAndEveryDeadLetterTopicAfterTopicAndGroup() {
        assertThat(configs.inputs()).allSatisfy(input -> {
            if (input.group() != null) {
                assertThat(input.group()).as(input.service() + " " + input.binding()).isEqualTo(input.service());
            }
            if (input.deadLetters() != null) {
                assertThat(input.deadLetters()).as(input.service() + " " + input.binding())
                        .isEqualTo(input.topic() + "." + input.group() + ".dlq");
            }
        });
    }

    @Test
    void shouldListTheSameServiceConsumersInTheCatalogueAsTheServicesGroups() {
        assertThat(Contracts.catalogue()).allSatisfy(topic -> assertThat(services(String.join(",", topic.consumers())))
                .as("catalogue consumers of " + topic.topic())
                .isEqualTo(configs.inputsOf(topic.topic()).stream().filter(i -> i.group() != null).map(Input::service)
                        .collect(Collectors.toCollection(TreeSet::new))));
    }

    @Nested
    class EventsMd {

        final Map<String, List<String>> topics = byTopic(MarkdownTables.rows(EVENTS, "## Topics"));

        @Test
        void shouldListEveryTopicAServiceReadsWithEveryServiceThatReadsIt() {
            Set<String> configured = new TreeSet<>();
            configs.inputs().forEach(i -> configured.add(i.topic()));
            assertThat(topics.keySet()).as("docs/events.md topics").containsAll(configured);
            topics.forEach((topic, row) -> assertThat(services(row.get(2)))
                    .as("docs/events.md consumers of " + topic + " (the services whose application.yml binds it)")
                    .isEqualTo(readers(topic)));
        }

        @Test
        void shouldListEveryDeadLetterTopicWithTheServiceThatWritesIt() {
            Map<String, String> configured = new TreeMap<>();
            configs.inputs().stream().filter(i -> i.deadLetters() != null).forEach(i -> configured.put(i.deadLetters(), i.service()));
            Map<String, String> documented = new TreeMap<>();
            MarkdownTables.rows(EVENTS, "## Dead letters").forEach(row -> documented.put(row.get(0), row.get(1).split("[ (]")[0]));
            assertThat(documented).as("docs/events.md dead-letter table: every dlq-name of every application.yml, by its service")
                    .isEqualTo(configured);
        }
    }

    @Nested
    class ArchitectureMd {

        final Map<String, List<String>> topics = byTopic(MarkdownTables.rows(ARCHITECTURE, "## Topics"));

        @Test
        void shouldShowEveryCatalogueTopicWithItsWriterAndTheServicesThatReadIt() {
            assertThat(topics.keySet()).as("docs/architecture.md topics")
                    .isEqualTo(Contracts.catalogue().stream().map(Contracts.Topic::topic).collect(Collectors.toCollection(TreeSet::new)));
            assertThat(Contracts.catalogue()).allSatisfy(topic -> {
                List<String> row = topics.get(topic.topic());
                assertThat(row.get(1)).as("writer of " + topic.topic()).isEqualTo(topic.owner());
                assertThat(services(row.get(2))).as("readers of " + topic.topic() + " (application.yml bindings)")
                        .isEqualTo(readers(topic.topic()));
            });
        }
    }

    @Nested
    class Defaults {

        @Test
        void shouldKeepEveryKeyEitherInTheSharedDefaultsOrInTheServiceNeverInBoth() {
            // An imported file wins over the file that imports it: a key in both would silently ignore the service's value.
            Set<String> shared = new HashSet<>(ServiceConfigs.keys(configs.defaults()));
            ServiceConfigs.SERVICES.stream().filter(configs::importsDefaults).forEach(service ->
                    assertThat(ServiceConfigs.keys(configs.files().get(service)))
                            .as(service + "'s application.yml sets keys numi-defaults.yml already sets (tune them with numi.defaults.*)")
                            .doesNotContainAnyElementsOf(shared));
        }

        @Test
        void shouldBeImportedByEveryService() {
            assertThat(ServiceConfigs.SERVICES.stream().filter(configs::importsDefaults)).containsExactlyElementsOf(ServiceConfigs.SERVICES);
        }
    }
}
