package fr.numi.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;

/**
 * What the services' configuration says about topics, read from every {@code <service>/src/main/resources/application.yml}
 * (and contracts' numi-defaults.yml for what they import): each input binding with its topic, group and dead-letter
 * topic. The docs are checked against this, never against a list written in a test.
 */
record ServiceConfigs(List<Input> inputs, Map<String, Map<String, Object>> files, Map<String, Object> defaults) {

    static final Path ROOT = DocsTest.ROOT;
    static final List<String> SERVICES =
            List.of("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
    static final String DEFAULTS = "contracts/src/main/resources/numi-defaults.yml";

    /** One input binding of a service: {@code group} null for an anonymous subscription, {@code deadLetters} null when off. */
    record Input(String service, String binding, String topic, String group, String deadLetters) {}

    static ServiceConfigs load() {
        Map<String, Object> defaults = yaml(ROOT.resolve(DEFAULTS));
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        List<Input> inputs = new ArrayList<>();
        for (String service : SERVICES) {
            Map<String, Object> yml = yaml(ROOT.resolve(service + "/src/main/resources/application.yml"));
            files.put(service, yml);
            boolean importsDefaults = String.valueOf(at(yml, "spring", "config", "import")).contains("numi-defaults.yml");
            Object defaultDlq = at(yml, "spring", "cloud", "stream", "kafka", "default", "consumer", "enable-dlq");
            if (defaultDlq == null && importsDefaults) {
                defaultDlq = at(defaults, "spring", "cloud", "stream", "kafka", "default", "consumer", "enable-dlq");
            }
            Map<String, Object> bindings = map(at(yml, "spring", "cloud", "stream", "bindings"));
            for (Map.Entry<String, Object> binding : bindings.entrySet()) {
                if (!binding.getKey().contains("-in-")) {
                    continue;
                }
                Map<String, Object> b = map(binding.getValue());
                Map<String, Object> kafka = map(at(yml, "spring", "cloud", "stream", "kafka", "bindings", binding.getKey(), "consumer"));
                Object enabled = kafka.getOrDefault("enable-dlq", defaultDlq);
                String dlq = Boolean.parseBoolean(String.valueOf(enabled)) && b.get("group") != null
                        ? String.valueOf(kafka.getOrDefault("dlq-name", b.get("destination") + "." + b.get("group") + ".dlq"))
                        : null;
                inputs.add(new Input(service, binding.getKey(), String.valueOf(b.get("destination")), (String) b.get("group"), dlq));
            }
        }
        return new ServiceConfigs(List.copyOf(inputs), files, defaults);
    }

    /** Whether the service's application.yml imports numi-defaults.yml. */
    boolean importsDefaults(String service) {
        return String.valueOf(at(files.get(service), "spring", "config", "import")).contains("numi-defaults.yml");
    }

    List<Input> inputsOf(String topic) {
        return inputs.stream().filter(i -> i.topic().equals(topic)).toList();
    }

    static Object at(Map<String, Object> yaml, String... path) {
        Object node = yaml;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    /** Every leaf key as a dotted path ({@code spring.kafka.producer.acks}). */
    static List<String> keys(Map<String, Object> yaml) {
        List<String> keys = new ArrayList<>();
        flatten("", yaml, keys);
        return keys;
    }

    private static void flatten(String prefix, Object node, List<String> keys) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(prefix + k + ".", v, keys));
        } else {
            keys.add(prefix.substring(0, prefix.length() - 1));
        }
    }

    static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Objects.requireNonNull(new Yaml().load(in), () -> file + " is empty");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
