package fr.numi.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.deploy.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every series the alert and recording rules and both Grafana boards read is one the five running
 * services export under that exact name (or a recording rule, or Prometheus' own {@code up}): on
 * the packaged jars, after a web request and a red-button request whose level-3 page fails (a
 * webhook nobody listens on), so that the counters made at their first increment exist too.
 */
class ObservabilityIT {

    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stack = fr.numi.deploy.stack.SharedStack.get();
    }

    @Test
    void shouldExportEverySeriesTheRulesAndBoardsRead() throws Exception {
        // given: what the rules and the boards read
        Set<String> read = new TreeSet<>();
        Observability.ruleExpressions().forEach(e -> read.addAll(Observability.metricNames(e)));
        for (Path board : Observability.files("grafana/dashboards", ".json")) {
            Observability.boardExpressions(board).forEach(e -> read.addAll(Observability.metricNames(e)));
        }
        read.removeAll(Observability.recorded());
        read.removeAll(Observability.PROMETHEUS_OWN);
        assertThat(read).contains("numi_intake_delivery_outcomes_total", "numi_cyber_page_failures_total",
                "resilience4j_circuitbreaker_state", "spring_cloud_stream_binder_kafka_offset", "jvm_memory_max_bytes", "disk_free_bytes");

        // when: a web request and a red-button request go through
        assertThat(post("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"metrics@example.org\"},"
                + "\"description\":\"Mon imprimante ne veut plus imprimer depuis hier, le voyant clignote.\"}")).isEqualTo(202);
        assertThat(post("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"urgence@example.org\"},\"redButton\":true,"
                + "\"description\":\"Un faux technicien a pris le controle de mon ordinateur.\"}")).isEqualTo(202);

        // then: each name is on some service's /actuator/prometheus
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Set<String>> exported = scrape();
            Set<String> all = new TreeSet<>();
            exported.values().forEach(all::addAll);
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(all);
            assertThat(missing).as("read by deploy/observability but exported by none of the five services").isEmpty();
        });
    }

    private static int post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/api/v1/requests"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static Map<String, Set<String>> scrape() throws IOException, InterruptedException {
        Map<String, Set<String>> exported = new TreeMap<>();
        for (String service : LocalStack.SERVICES) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(service) + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            Set<String> names = new TreeSet<>();
            response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> names.add(l.split("[{ ]", 2)[0]));
            exported.put(service, names);
        }
        return exported;
    }
}
