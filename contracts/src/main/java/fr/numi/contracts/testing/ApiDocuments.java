package fr.numi.contracts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document a running service generates (springdoc, {@code /v3/api-docs}) against the copy checked in as
 * {@code docs/api/<name>.json}. Each HTTP service has one integration test that calls {@link #assertUpToDate}; the
 * build writes what the service serves to {@code target/api/<name>.json}, and with {@code -Dnumi.api-docs.write=true}
 * to {@code docs/api/<name>.json} too (then commit it).
 */
public final class ApiDocuments {

    public static final String WRITE = "numi.api-docs.write";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ApiDocuments() {}

    /**
     * @param name the document's name under docs/api, e.g. {@code triage}
     * @param module the Maven module that serves it, e.g. {@code triage-service} (for the command in the message)
     * @param port the port the service under test listens on
     */
    public static void assertUpToDate(String name, String module, int port) {
        String served = normalise(fetch(port));
        Path built = Path.of("target/api", name + ".json");
        Path checkedIn = Path.of("..", "docs", "api", name + ".json");
        write(built, served);
        if (Boolean.getBoolean(WRITE)) {
            write(checkedIn, served);
        }
        String current = Files.exists(checkedIn) ? read(checkedIn) : "";
        if (!current.equals(served)) {
            throw new AssertionError("docs/api/" + name + ".json is not the OpenAPI document " + module
                    + " serves (now in " + module + "/" + built + "). Regenerate it and commit the change:\n  ./mvnw -B -ntp -pl "
                    + module + " -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApiDocumentIT -D"
                    + WRITE + "=true");
        }
    }

    private static String fetch(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading /v3/api-docs", e);
        }
    }

    /** Sorted keys, two-space indents, a final newline: the same document gives the same bytes. */
    static String normalise(String document) {
        return JSON.writeValueAsString(sorted(JSON.readTree(document))) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            members.forEach(m -> copy.set(m.getKey(), sorted(m.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
