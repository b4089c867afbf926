package fr.numi.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * What a service reads from its environment, taken from its own {@code application.yml} and the files it imports with
 * {@code spring.config.import} (numi-defaults.yml, from contracts' resources): the {@code ${NUMI_...}} placeholders,
 * its {@code server.port} default, its properties (which {@code SPRING_*} variables override by relaxed binding) and
 * its dead-letter topics.
 */
record ServiceConfig(String service, int port, int managementPort, Set<String> variables, Set<String> properties,
        Set<String> deadLetterTopics) {

    static final List<String> SERVICES =
            List.of("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
    static final List<String> CONSUMER_SERVICES = List.of("triage-service", "ticket-service", "urgency-service", "feedback-service");

    /** Free-form maps handed to the Kafka clients: where TLS and SASL settings go. */
    static final List<String> KAFKA_CLIENT_MAPS = List.of("spring.kafka.properties.", "spring.cloud.stream.kafka.binder.configuration.");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PORT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}|(\\d+)");

    /** Where a {@code classpath:} import of a service is found in the sources: its own resources, then contracts'. */
    private static final List<String> CLASSPATH_ROOTS = List.of("%s/src/main/resources/", "contracts/src/main/resources/");

    static Map<String, ServiceConfig> load(Path root) {
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path file = root.resolve(service + "/src/main/resources/application.yml");
            String text = read(file);
            Map<String, Object> yaml = new Yaml().load(text);
            List<String> texts = new ArrayList<>(List.of(text));
            imports(root, service, yaml).forEach(imported -> texts.add(read(imported)));
            Set<String> variables = new TreeSet<>();
            for (String t : texts) {
                Matcher placeholders = PLACEHOLDER.matcher(t);
                while (placeholders.find()) {
                    variables.add(placeholders.group(1));
                }
            }
            Object server = yaml.get("server");
            Matcher port = PORT.matcher(String.valueOf(server instanceof Map<?, ?> map ? map.get("port") : null));
            if (!port.matches()) {
                throw new IllegalStateException(file + ": server.port is neither ${NUMI_..._PORT:<default>} nor a number");
            }
            Object management = yaml.get("management");
            Object managementServer = management instanceof Map<?, ?> m ? m.get("server") : null;
            Matcher managementPort = PORT.matcher(String.valueOf(managementServer instanceof Map<?, ?> m ? m.get("port") : null));
            if (!managementPort.matches()) {
                throw new IllegalStateException(file + ": management.server.port is neither ${NUMI_..._MANAGEMENT_PORT:<default>} nor a number");
            }
            Set<String> properties = new TreeSet<>();
            Set<String> deadLetters = new TreeSet<>();
            texts.forEach(t -> flatten("", new Yaml().load(t), properties, deadLetters));
            int serverPort = Integer.parseInt(port.group(1) != null ? port.group(1) : port.group(2));
            int actuatorPort = Integer.parseInt(managementPort.group(1) != null ? managementPort.group(1) : managementPort.group(2));
            configs.put(service, new ServiceConfig(service, serverPort, actuatorPort, variables, properties, deadLetters));
        }
        return configs;
    }

    /**
     * The files of {@code spring.config.import} (a list, or one comma-separated string), as sources: a
     * {@code classpath:} location is looked up in the service's resources, then in contracts'. A location that is not
     * found fails the load, unless it is {@code optional:}.
     */
    static List<Path> imports(Path root, String service, Map<String, Object> yaml) {
        Object spring = yaml.get("spring");
        Object config = spring instanceof Map<?, ?> map ? map.get("config") : null;
        Object declared = config instanceof Map<?, ?> map ? map.get("import") : null;
        List<String> locations = new ArrayList<>();
        if (declared instanceof List<?> list) {
            list.forEach(l -> locations.add(String.valueOf(l)));
        } else if (declared != null) {
            locations.addAll(List.of(String.valueOf(declared).split(",")));
        }
        List<Path> files = new ArrayList<>();
        for (String location : locations) {
            String l = location.strip();
            boolean optional = l.startsWith("optional:");
            l = optional ? l.substring("optional:".length()) : l;
            if (!l.startsWith("classpath:")) {
                throw new IllegalStateException(service + " imports " + location + ": only classpath: imports are followed");
            }
            String name = l.substring("classpath:".length()).replaceFirst("^/", "");
            Path found = CLASSPATH_ROOTS.stream().map(r -> root.resolve(r.formatted(service) + name)).filter(Files::isRegularFile)
                    .findFirst().orElse(null);
            if (found != null) {
                files.add(found);
            } else if (!optional) {
                throw new IllegalStateException(service + " imports " + location + ", found in neither its resources nor contracts'");
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
