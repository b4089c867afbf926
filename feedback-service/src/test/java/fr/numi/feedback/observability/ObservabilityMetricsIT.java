package fr.numi.feedback.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.feedback.support.FeedbackIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import fr.numi.feedback.support.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every metric the rules and the dashboard read from feedback-service exists on its real
 * {@code /actuator/prometheus}, under that exact name: the Kafka lag and dead-letter names were taken
 * from a running service, and this keeps them true.
 */
@FeedbackIntegrationTest
class ObservabilityMetricsIT {

    static final Path DIR = Path.of("..", "deploy", "observability").toAbsolutePath().normalize();
    /** Metric names of feedback-service and its Kafka binder (up{} is Prometheus' own). */
    static final Pattern METRIC = Pattern.compile(
            "(?<![:\\w])(numi_[a-z0-9_]+|spring_cloud_stream_[a-z0-9_]+|kafka_consumer_[a-z0-9_]+)(?![:\\w])");

    /** The actuator, on the management port. */
    @LocalManagementPort
    int managementPort;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void shouldExposeEveryMetricTheRulesAndTheDashboardRead() throws Exception {
        // given
        Set<String> used = new TreeSet<>();
        // The KPI side, which feedback-service serves; the service-health rules and board read all five
        // services and are checked against them by deploy's ObservabilityIT.
        try (Stream<Path> files = Stream.of("rules/numi-kpis.rules.yml", "rules/numi-alerts.rules.yml", "grafana/dashboards/numi-kpis.json")
                .map(DIR::resolve)) {
            for (Path file : files.toList()) {
                Matcher m = METRIC.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        // a qualified ticket: the volume counter's labels (category) are known only then
        Instant now = Instant.parse("2030-06-01T09:00:00Z");
        new Lifecycle(brokers, "WEB").change("ticket-qualified", "QUALIFIED", 1, now, now, Map.of("category", "email"));
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).responseTimeout(Duration.ofSeconds(10)).build();

        // when / then (the store- and broker-backed gauges appear after their first refresh)
        assertThat(used).contains("numi_feedback_ratings_total", "numi_ticket_first_response_seconds_bucket",
                "numi_kafka_dead_letter_records", "spring_cloud_stream_binder_kafka_offset", "numi_cyber_awaiting_level3_oldest_seconds");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            Set<String> exposed = new TreeSet<>();
            scrape.lines().filter(l -> !l.startsWith("#")).forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));
            assertThat(exposed).containsAll(used);
        });
    }
}
