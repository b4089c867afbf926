package fr.numi.contracts.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which fields of which topic's body are a person's data, as the event schemas mark them ({@code "x-numi-personal":
 * true} on a property of {@code contracts/events/<schema>/schema.json}): contacts, names, the person's words, agents'
 * texts to them, attachments' references. Those fields travel sealed with the customer's key ({@link Sealing}).
 */
public final class PersonalFields {

    /** The schema keyword that marks a property as personal data. */
    public static final String KEYWORD = "x-numi-personal";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, List<FieldPath>> byTopic;

    private PersonalFields(Map<String, List<FieldPath>> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
    }

    /**
     * The personal fields of every topic of the catalogue, read from the schemas on the classpath with Jackson alone (the
     * schema validator of {@code fr.numi.contracts.Contracts} is test tooling, absent from the services' jars).
     */
    public static PersonalFields fromContracts() {
        Map<String, List<FieldPath>> byTopic = new HashMap<>();
        for (JsonNode topic : read("catalogue.json").get("topics")) {
            String name = topic.get("topic").asString();
            JsonNode schema = topic.get("schema");
            List<FieldPath> paths = new ArrayList<>();
            collect(read((schema == null || schema.isNull() ? name : schema.asString()) + "/schema.json"), new ArrayList<>(), paths);
            if (!paths.isEmpty()) {
                byTopic.put(name, List.copyOf(paths));
            }
        }
        return new PersonalFields(byTopic);
    }

    /** No personal field anywhere: bodies are written and read as they are (unit tests of the envelope). */
    public static PersonalFields none() {
        return new PersonalFields(Map.of());
    }

    /** The personal fields of a topic's body (empty: nothing to seal). */
    public List<FieldPath> of(String topic) {
        return byTopic.getOrDefault(topic, List.of());
    }

    private static void collect(JsonNode schema, List<String> at, List<FieldPath> paths) {
        JsonNode properties = schema.get("properties");
        if (properties == null) {
            return;
        }
        for (var property : properties.properties()) {
            List<String> path = new ArrayList<>(at);
            path.add(property.getKey());
            JsonNode node = property.getValue();
            if (node.path(KEYWORD).asBoolean(false)) {
                paths.add(new FieldPath(path));
            } else if (node.has("properties")) {
                collect(node, path, paths);
            } else if (node.has("items") && node.get("items").has("properties")) {
                path.add(FieldPath.EACH);
                collect(node.get("items"), path, paths);
            }
        }
    }

    private static JsonNode read(String path) {
        String resource = "contracts/events/" + path;
        try (InputStream in = Objects.requireNonNull(PersonalFields.class.getClassLoader().getResourceAsStream(resource),
                () -> "missing contract resource " + resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A field of a body: property names from the root, {@link #EACH} for every element of an array
     * ({@code attachments.*.filename}).
     */
    public record FieldPath(List<String> segments) {

        public static final String EACH = "*";

        public FieldPath {
            segments = List.copyOf(segments);
        }

        public static FieldPath of(String dotted) {
            return new FieldPath(List.of(dotted.split("\\.")));
        }

        /** The body's top-level property this field belongs to. */
        public String root() {
            return segments.get(0);
        }

        @Override
        public String toString() {
            return String.join(".", segments);
        }
    }
}
