package fr.numi.feedback.kpi.messaging;

import static fr.numi.feedback.support.Records.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.feedback.support.FeedbackIntegrationTest;
import fr.numi.feedback.support.Prometheus;
import fr.numi.feedback.support.Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Real records in on a real broker; the counters read back from the service's own Prometheus endpoint. */
@FeedbackIntegrationTest
class KpiCountersIT {

    static final String LIFECYCLE = "ticket.lifecycle.v1";
    static final String FEEDBACK = "intake.feedback-received.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    Prometheus prometheus;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void scraper() {
        prometheus = new Prometheus(port);
    }

    @Test
    void shouldCountTheStatusOnPrometheusWhenATicketChangesState() {
        // given
        Map<String, String> labels = Map.of("application", "feedback-service", "status", "IN_PROGRESS");
        double before = prometheus.value("numi_ticket_lifecycle_events_total", labels);
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(LIFECYCLE));
        String ticketId = Records.newTicketId();
        String eventId = ticketId + ":in-progress:" + UUID.randomUUID();
        event.put("eventId", eventId);
        event.put("ticketId", ticketId);
        event.put("status", "IN_PROGRESS");
        event.put("previousStatus", "QUALIFIED");

        // when
        send(LIFECYCLE, event, ticketId, eventId, "/numi/ticket-service", "fr.numi.ticket.ticket-qualified.v1");

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_ticket_lifecycle_events_total", labels)).isEqualTo(before + 1));
    }

    @Test
    void shouldCountTheRatingOnPrometheusWhenAPersonRatesTheHelp() {
        // given
        Map<String, String> labels = Map.of("application", "feedback-service", "rating", "4");
        double before = prometheus.value("numi_feedback_ratings_total", labels);
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(FEEDBACK));
        String ticketId = Records.newTicketId();
        String feedbackId = "web-feedback-" + UUID.randomUUID();
        event.put("feedbackId", feedbackId);
        event.put("ticketId", ticketId);
        event.put("rating", 4);

        // when
        send(FEEDBACK, event, ticketId, feedbackId, "/numi/intake-service", "fr.numi.intake.feedback-received.v1");

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_feedback_ratings_total", labels)).isEqualTo(before + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {LIFECYCLE, FEEDBACK})
    void shouldDeadLetterAnUnreadableRecordWithTheReason(String topic) {
        // given
        String key = "bad-" + UUID.randomUUID();

        // when
        Records.send(brokers, topic, key, "{ not json".getBytes(StandardCharsets.UTF_8),
                Records.cloudEvent(key, "/numi/intake-service", "fr.numi.intake.feedback-received.v1", null));

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, topic + ".feedback-service.dlq", r -> key.equals(r.key()));
        assertThat(header(dead, "x-exception-message")).contains("unreadable " + topic + " record");
        assertThat(header(dead, "x-original-topic")).isEqualTo(topic);
    }

    private void send(String topic, ObjectNode event, String key, String ceId, String source, String type) {
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(topic, body)).isEmpty();
        Records.send(brokers, topic, key, body, Records.cloudEvent(ceId, source, type, key));
    }
}
