package fr.numi.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service reads from its environment, taken from its own {@code application.yml}: the
 * {@code ${NUMI_...}} placeholders, its {@code server.port} default, its properties (which
 * {@code SPRING_*} variables override by relaxed binding) and its dead-letter topics.
 */
record ServiceConfig(String service, int port, Set<String> variables, Set<String> properties, Set<String> deadLetterTopics) {

    static final List<String> SERVICES =
            List.of("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
    static final List<String> CONSUMER_SERVICES = List.of("triage-service", "ticket-service", "urgency-service", "feedback-service");

    /** Free-form maps handed to the Kafka clients: where TLS and SASL settings go. */
    static final List<String> KAFKA_CLIENT_MAPS = List.of("spring.kafka.properties.", "spring.cloud.stream.kafka.binder.configuration.");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PORT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}|(\\d+)");

    static Map<String, ServiceConfig> load(Path root) {
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path file = root.resolve(service + "/src/main/resources/application.yml");
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Set<String> variables = new TreeSet<>();
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                variables.add(placeholders.group(1));
            }
            Map<String, Object> yaml = new Yaml().load(text);
            Object server = yaml.get("server");
            Matcher port = PORT.matcher(String.valueOf(server instanceof Map<?, ?> map ? map.get("port") : null));
            if (!port.matches()) {
                throw new IllegalStateException(file + ": server.port is neither ${NUMI_..._PORT:<default>} nor a number");
            }
            Set<String> properties = new TreeSet<>();
            Set<String> deadLetters = new TreeSet<>();
            flatten("", yaml, properties, deadLetters);
            int serverPort = Integer.parseInt(port.group(1) != null ? port.group(1) : port.group(2));
            configs.put(service, new ServiceConfig(service, serverPort, variables, properties, deadLetters));
        }
        return configs;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> properties, Set<String> deadLetters) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix + key + ".", value, properties, deadLetters));
        } else {
            String property = prefix.substring(0, prefix.length() - 1);
            properties.add(property);
            if (property.endsWith(".dlq-name")) {
                deadLetters.add(String.valueOf(node));
            }
        }
    }

    /**
     * Whether the service reads this environment variable: a placeholder of its application.yml
     * ({@code NUMI_*}), a property it sets or a Kafka client setting ({@code SPRING_*}, relaxed
     * binding), or the JVM's own {@code JAVA_TOOL_OPTIONS}.
     */
    boolean reads(String variable) {
        if (variable.equals("JAVA_TOOL_OPTIONS")) {
            return true;
        }
        if (variable.startsWith("NUMI_")) {
            return variables.contains(variable);
        }
        if (variable.startsWith("SPRING_")) {
            String relaxed = variable.toLowerCase(Locale.ROOT);
            if (properties.stream().anyMatch(p -> envName(p).equals(variable))) {
                return true;
            }
            return KAFKA_CLIENT_MAPS.stream().anyMatch(map -> relaxed.startsWith(map.replace('.', '_').replace("-", ""))
                    && relaxed.length() > map.length());
        }
        return false;
    }

    /** Spring Boot's environment-variable form of a property: dots to underscores, dashes dropped, upper case. */
    static String envName(String property) {
        return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
    }
}
