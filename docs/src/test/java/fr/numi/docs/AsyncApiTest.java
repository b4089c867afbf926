package fr.numi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.numi.contracts.Contracts;
import fr.numi.docs.ServiceConfigs.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/api/asyncapi.yaml describes the topics as they are: valid AsyncAPI 3.0, a channel for every catalogue topic and
 * no other, the catalogue's types as each channel's messages with schemas that exist, the owner as the only sender,
 * and as receivers exactly the input bindings of the services' application.yml (groups included).
 */
class AsyncApiTest {

    static final Path DOCUMENT = DocsTest.ROOT.resolve("docs/api/asyncapi.yaml");
    static final Path TOPIC_SCRIPT = DocsTest.ROOT.resolve("deploy/k8s/base/kafka-topics/provision-topics.sh");

    final Map<String, Object> asyncapi = ServiceConfigs.yaml(DOCUMENT);
    final Map<String, Object> channels = ServiceConfigs.map(asyncapi.get("channels"));
    final Map<String, Object> operations = ServiceConfigs.map(asyncapi.get("operations"));
    final Map<String, Object> messages = ServiceConfigs.map(ServiceConfigs.at(asyncapi, "components", "messages"));

    @Test
    void shouldBeAValidAsyncApi3Document() throws IOException {
        Schema schema;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        JsonMapper json = JsonMapper.builder().build();
        List<Error> errors = schema.validate(json.valueToTree(asyncapi));
        assertThat(errors).as("docs/api/asyncapi.yaml against the AsyncAPI 3.0.0 schema").isEmpty();
        assertThat(asyncapi.get("asyncapi")).isEqualTo("3.0.0");
    }

    @Test
    void shouldCatchAnOperationTheSpecificationDoesNotKnow() throws IOException {
        Schema schema;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        Map<String, Object> broken = new java.util.LinkedHashMap<>(asyncapi);
        broken.put("operations", Map.of("x", Map.of("action", "publish", "channel", Map.of("$ref", "#/channels/ticket.lifecycle.v1"))));
        assertThat(schema.validate(JsonMapper.builder().build().valueToTree(broken))).as("the schema has teeth").isNotEmpty();
    }

    @Test
    void shouldHaveAChannelForEveryCatalogueTopicAndNoOther() {
        assertThat(channels.keySet()).isEqualTo(Contracts.catalogue().stream().map(Contracts.Topic::topic).collect(Collectors.toSet()));
        channels.forEach((id, channel) -> assertThat(ServiceConfigs.map(channel).get("address")).as(id).isEqualTo(id));
    }

    @Test
    void shouldCarryTheCatalogueTypesOfEachTopicWithTheirSchemaAndKey() {
        for (Contracts.Topic topic : Contracts.catalogue()) {
            Map<String, Object> channelMessages = ServiceConfigs.map(ServiceConfigs.at(asyncapi, "channels", topic.topic(), "messages"));
            assertThat(channelMessages.keySet()).as("messages of " + topic.topic()).isEqualTo(Set.copyOf(topic.types()));
            for (String type : topic.types()) {
                assertThat(ref(channelMessages.get(type))).isEqualTo("#/components/messages/" + type);
                Map<String, Object> message = ServiceConfigs.map(messages.get(type));
                assertThat(message.get("name")).as(type).isEqualTo(type);
                String payload = ref(message.get("payload"));
                assertThat(payload).as("payload of " + type).isEqualTo("../../contracts/events/" + topic.schemaName() + "/schema.json");
                List<String> traits = ((List<?>) message.get("traits")).stream().map(AsyncApiTest::ref).toList();
                String keyTrait = "#/components/messageTraits/keyedBy" + Character.toUpperCase(topic.key().charAt(0)) + topic.key().substring(1);
                assertThat(traits).as("traits of " + type).contains("#/components/messageTraits/cloudEvent", keyTrait);
            }
        }
    }

    @Test
    void shouldReferToFilesThatExist() throws IOException {
        Matcher refs = Pattern.compile("\\$ref: '?([^'#\\s]+)").matcher(Files.readString(DOCUMENT));
        List<String> found = new ArrayList<>();
        while (refs.find()) {
            found.add(refs.group(1));
            assertThat(DOCUMENT.getParent().resolve(refs.group(1)).normalize()).as("$ref " + refs.group(1)).isRegularFile();
        }
        assertThat(found).isNotEmpty().contains("../../contracts/events/cloudevents-kafka-headers.schema.json");
        Map<String, Object> traits = ServiceConfigs.map(ServiceConfigs.at(asyncapi, "components", "messageTraits"));
        traits.forEach((name, trait) -> assertThat(ServiceConfigs.at(ServiceConfigs.map(trait), "bindings", "kafka", "key") != null
                || ServiceConfigs.map(trait).containsKey("headers")).as(name).isTrue());
    }

    @Test
    void shouldHaveTheOwnerAsTheOnlySender() {
        for (Contracts.Topic topic : Contracts.catalogue()) {
            List<String> senders = operations.values().stream().map(ServiceConfigs::map)
                    .filter(op -> "send".equals(op.get("action")) && ("#/channels/" + topic.topic()).equals(ref(op.get("channel"))))
                    .map(op -> (String) op.get("x-numi-service")).toList();
            assertThat(senders).as("senders of " + topic.topic()).containsExactly(topic.owner());
        }
    }

    @Test
    void shouldHaveAsReceiversExactlyTheServicesInputBindings() {
        Set<String> documented = new TreeSet<>();
        operations.values().stream().map(ServiceConfigs::map).filter(op -> "receive".equals(op.get("action"))).forEach(op -> {
            List<?> group = (List<?>) ServiceConfigs.at(op, "bindings", "kafka", "groupId", "enum");
            documented.add(op.get("x-numi-service") + " " + ref(op.get("channel")).substring("#/channels/".length()) + " "
                    + (group == null ? "(no group)" : group.get(0)));
        });
        Set<String> configured = new TreeSet<>();
        for (Input input : ServiceConfigs.load().inputs()) {
            configured.add(input.service() + " " + input.topic() + " " + (input.group() == null ? "(no group)" : input.group()));
        }
        assertThat(documented).as("receive operations of docs/api/asyncapi.yaml vs the services' application.yml").isEqualTo(configured);
    }

    @Test
    void shouldGiveEveryChannelThePartitionsTheTopicsAreProvisionedWith() throws IOException {
        Matcher partitions = Pattern.compile("PARTITIONS=\"\\$\\{PARTITIONS:-(\\d+)}\"").matcher(Files.readString(TOPIC_SCRIPT));
        assertThat(partitions.find()).as("the default of PARTITIONS in " + TOPIC_SCRIPT).isTrue();
        channels.forEach((id, channel) -> assertThat(ServiceConfigs.at(ServiceConfigs.map(channel), "bindings", "kafka", "partitions"))
                .as("partitions of " + id).isEqualTo(Integer.parseInt(partitions.group(1))));
    }

    private static String ref(Object node) {
        return String.valueOf(ServiceConfigs.map(node).get("$ref"));
    }
}
