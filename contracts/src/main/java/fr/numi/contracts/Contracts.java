package fr.numi.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads numi's event contracts (schemas, examples, topic catalogue) from the classpath and checks
 * Kafka records against them. For tests: producers validate what they write (body and raw headers),
 * consumers read the examples.
 */
public final class Contracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final String BASE = "contracts/events/";

    private Contracts() {}

    /** One entry of {@code catalogue.json}. */
    public record Topic(String topic, String owner, List<String> consumers, String key, List<String> types, String schema) {

        /** The folder under {@code events/} that holds this topic's schema and example. */
        public String schemaName() {
            return schema != null ? schema : topic;
        }
    }

    public static List<Topic> catalogue() {
        JsonNode root = JSON.readTree(read("catalogue.json"));
        List<Topic> topics = new ArrayList<>();
        for (JsonNode node : root.get("topics")) {
            topics.add(JSON.treeToValue(node, Topic.class));
        }
        return topics;
    }

    public static Topic topic(String name) {
        return catalogue().stream()
                .filter(t -> t.topic().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topic not in contracts/events/catalogue.json: " + name));
    }

    /** The example payload of a schema folder, as bytes (what a consumer would receive). */
    public static byte[] example(String schemaName) {
        return read(schemaName + "/example.json");
    }

    /** Violations of the topic's body schema (empty when valid). Formats such as date-time are asserted. */
    public static List<String> bodyViolations(String topic, byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
        return violations(schema(topic(topic).schemaName() + "/schema.json"), node);
    }

    /**
     * Violations of the CloudEvents binary-mode header contract: required {@code ce_*} attributes as
     * plain UTF-8 strings, and a {@code ce_type} the catalogue allows on this topic.
     */
    public static List<String> headerViolations(String topic, Map<String, byte[]> rawHeaders) {
        ObjectNode headers = JSON.createObjectNode();
        rawHeaders.forEach((name, value) -> headers.put(name, new String(value, StandardCharsets.UTF_8)));
        List<String> violations = new ArrayList<>(violations(schema("cloudevents-kafka-headers.schema.json"), headers));
        String type = Optional.ofNullable(headers.get("ce_type")).map(JsonNode::asString).orElse(null);
        if (type != null && !topic(topic).types().contains(type)) {
            violations.add("ce_type " + type + " is not declared for " + topic + " in catalogue.json");
        }
        return violations;
    }

    /**
     * Violations of numi's problem+json shape (contracts/http/problem.schema.json) by an HTTP error body: every
     * service's error paths are checked with it, so all answer in one shape.
     */
    public static List<String> problemViolations(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
        return violations(schemaAt("contracts/http/problem.schema.json"), node);
    }

    private static List<String> violations(Schema schema, JsonNode node) {
        List<Error> errors = schema.validate(node, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    private static Schema schema(String path) {
        return schemaAt(BASE + path);
    }

    private static Schema schemaAt(String resource) {
        try (InputStream in = Objects.requireNonNull(Contracts.class.getClassLoader().getResourceAsStream(resource),
                () -> "missing contract resource " + resource)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String path) {
        try (InputStream in = stream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String path) {
        InputStream in = Contracts.class.getClassLoader().getResourceAsStream(BASE + path);
        return Objects.requireNonNull(in, () -> "missing contract resource " + BASE + path);
    }
}
