package fr.numi.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.deploy.stack.LocalStack;
import fr.numi.deploy.stack.SharedStack;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' logs as an operator's log collector reads them, on the packaged jars started as the local run starts
 * them: one JSON object a line (Elastic Common Schema), and one web request followed under one trace id from intake
 * (HTTP, then Kafka) through triage (consumes, publishes) to ticket (consumes both), carried by the records' W3C
 * {@code traceparent} headers. What the person wrote, her name and her address appear in no line.
 */
class TracingIT {

    static final List<String> FLOW = List.of("intake-service", "triage-service", "ticket-service");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    /** One line of a service's log, as the collector reads it. */
    record Line(String instance, JsonNode json) {

        String message() {
            return json.path("message").asString("");
        }

        String traceId() {
            return json.path("traceId").asString(null);
        }

        @Override
        public String toString() {
            return instance + ": " + json;
        }
    }

    @Test
    void shouldLogOneWebRequestUnderTheSameTraceIdInIntakeTriageAndTicket() throws Exception {
        // given: a request whose words, name and address appear nowhere else
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = "Tracy" + unique;
        String address = "trace-" + unique + "@example.org";
        String words = "Mon imprimante " + unique + " ne veut plus imprimer depuis hier, le voyant clignote.";

        // when: it is posted to intake
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/api/v1/requests"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "name", name, "contact", Map.of("kind", "EMAIL", "value", address), "description", words))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String ticketId = JSON.readTree(accepted.body()).path("ticketId").asString();

        // then: intake accepted it, triage decided, ticket qualified it, each saying so in a line naming the ticket
        Map<String, List<Line>> about = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            about.clear();
            FLOW.forEach(service -> about.put(service, lines(service).stream().filter(l -> l.message().contains(ticketId)).toList()));
            assertThat(about.get("intake-service")).anyMatch(l -> l.message().startsWith("request accepted ticket=" + ticketId));
            assertThat(about.get("triage-service")).anyMatch(l -> l.message().startsWith("request triaged ticket=" + ticketId));
            assertThat(about.get("ticket-service")).anyMatch(l -> l.message().contains("ticket=" + ticketId + " status=QUALIFIED"));
        });

        // and: every one of those lines carries the trace id intake's HTTP request started
        String traceId = about.get("intake-service").stream().filter(l -> l.message().startsWith("request accepted")).findFirst()
                .map(Line::traceId).orElse(null);
        assertThat(traceId).as("intake's line has a trace id: %s", about.get("intake-service")).matches("[0-9a-f]{32}");
        about.forEach((service, lines) -> assertThat(lines)
                .as("%s's lines about %s", service, ticketId)
                .allSatisfy(line -> assertThat(line.traceId()).as(line.toString()).isEqualTo(traceId)));
        assertThat(about.get("intake-service")).allSatisfy(l -> assertThat(l.json().path("spanId").asString("")).matches("[0-9a-f]{16}"));

        // and: nothing the person typed is in any service's log
        Set<String> leaks = new TreeSet<>();
        for (String instance : serviceInstances()) {
            String log = Files.readString(stack.log(instance), StandardCharsets.UTF_8);
            for (String personal : List.of(name, address, unique + " ne veut plus")) {
                if (log.contains(personal)) {
                    leaks.add(instance + " logs " + personal);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void shouldWriteEveryLineOfEveryServiceAsOneJsonObjectNamingTheService() {
        for (String instance : serviceInstances()) {
            String service = instance.replaceFirst("#\\d+$", "");
            List<Line> lines = lines(instance);
            assertThat(lines).as(instance + " logged nothing").isNotEmpty();
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.json().path("@timestamp").asString("")).as(line.toString()).isNotBlank();
                assertThat(line.json().at("/log/level").asString("")).as(line.toString()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(line.json().at("/log/logger").asString("")).as(line.toString()).isNotBlank();
                assertThat(line.json().at("/service/name").asString("")).as(line.toString()).isEqualTo(service);
            });
        }
    }

    /** Every service instance of the stack: {@code ticket-service}, {@code ticket-service#1}, ... */
    static List<String> serviceInstances() {
        return stack.processes().keySet().stream().filter(name -> !name.equals(LocalStack.INFRA)).toList();
    }

    /** Every line of a service (all its instances) or of one instance, each parsed: a line that is not a JSON object fails. */
    static List<Line> lines(String serviceOrInstance) {
        List<String> instances = serviceOrInstance.contains("#") ? List.of(serviceOrInstance)
                : serviceInstances().stream().filter(i -> i.equals(serviceOrInstance) || i.startsWith(serviceOrInstance + "#")).toList();
        List<Line> lines = new ArrayList<>();
        for (String instance : instances) {
            Path log = stack.log(instance);
            List<String> raw;
            try {
                raw = Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The last line may be half written while the service runs.
            for (int i = 0; i < raw.size(); i++) {
                String text = raw.get(i);
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonNode json = JSON.readTree(text);
                    assertThat(json.isObject()).as("%s line %d is a JSON object: %s", log, i + 1, text).isTrue();
                    lines.add(new Line(instance, json));
                } catch (JacksonException e) {
                    if (i < raw.size() - 1) {
                        throw new AssertionError(log + " line " + (i + 1) + " is not JSON: " + text, e);
                    }
                }
            }
        }
        return lines;
    }
}
