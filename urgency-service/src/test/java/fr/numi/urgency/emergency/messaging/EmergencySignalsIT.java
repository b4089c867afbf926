package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.testing.Records;
import static fr.numi.contracts.testing.Records.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.urgency.support.Prometheus;
import fr.numi.urgency.support.UrgencyIntegrationTest;
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
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Real records in on a real broker; the counters read back from the service's own Prometheus endpoint. */
@UrgencyIntegrationTest
class EmergencySignalsIT {

    static final String RECEIVED = "intake.request-received.v1";
    static final String TRIAGED = "triage.request-triaged.v1";
    static final String DELIVERY_STATUS = "intake.delivery-status.v1";

    /** Each topic's writer and ce_type, as it puts them on its records. */
    static final Map<String, String[]> WRITERS = Map.of(
            RECEIVED, new String[] {"/numi/intake-service", "fr.numi.intake.request-received.v1"},
            TRIAGED, new String[] {"/numi/triage-service", "fr.numi.triage.request-triaged.v1"},
            DELIVERY_STATUS, new String[] {"/numi/intake-service", "fr.numi.intake.delivery-status.v1"});

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    /** The actuator, on the management port. */
    @LocalManagementPort
    int managementPort;

    Prometheus prometheus;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void scraper() {
        prometheus = new Prometheus(managementPort);
    }

    @Test
    void shouldCountTheRedButtonOnPrometheusWhenARequestArrivesWithItPressed() {
        // given
        Map<String, String> labels = Map.of("application", "urgency-service", "channel", "PHONE");
        double before = prometheus.value("numi_red_button_requests_total", labels);
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        String requestId = "phone-" + UUID.randomUUID();
        event.put("requestId", requestId);
        event.put("ticketId", Records.newTicketId());
        event.put("channel", "PHONE");
        event.put("redButton", true);

        // when
        send(RECEIVED, event, requestId, "/numi/intake-service", "fr.numi.intake.request-received.v1");

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_red_button_requests_total", labels)).isEqualTo(before + 1));
    }

    @Test
    void shouldCountTheCyberDecisionOnPrometheusWhenTriageFlagsOne() {
        // given
        Map<String, String> labels = Map.of("application", "urgency-service", "category", "account-takeover");
        double before = prometheus.value("numi_cyber_decisions_total", labels);
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TRIAGED));
        String requestId = "web-" + UUID.randomUUID();
        event.put("requestId", requestId);
        event.put("ticketId", Records.newTicketId());
        event.put("level", 3);
        event.put("urgency", "HIGH");
        event.put("category", "account-takeover");
        event.put("cyber", true);
        event.put("cyberTier", "EMERGENCY");

        // when
        send(TRIAGED, event, "triage-" + requestId, "/numi/triage-service", "fr.numi.triage.request-triaged.v1");

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_cyber_decisions_total", labels)).isEqualTo(before + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {RECEIVED, TRIAGED, DELIVERY_STATUS})
    void shouldDeadLetterAnUnreadableRecordWithTheReason(String topic) {
        // given
        String key = "bad-" + UUID.randomUUID();

        // when
        Records.send(brokers, topic, key, "{ not json".getBytes(StandardCharsets.UTF_8),
                Records.cloudEvent(key, WRITERS.get(topic)[0], WRITERS.get(topic)[1], null));

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, topic + ".urgency-service.dlq", r -> key.equals(r.key()));
        assertThat(header(dead, "x-exception-message")).contains("unreadable " + topic + " record");
        assertThat(header(dead, "x-original-topic")).isEqualTo(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {RECEIVED, TRIAGED, DELIVERY_STATUS})
    void shouldDeadLetterARecordWithoutItsSourceNamingTheAttribute(String topic) {
        // given the contract's example, written without ce_source
        String key = "no-source-" + UUID.randomUUID();
        Map<String, String> headers = Records.cloudEvent(key, WRITERS.get(topic)[0], WRITERS.get(topic)[1], null);
        headers.remove("ce_source");

        // when
        Records.send(brokers, topic, key, Contracts.example(topic), headers);

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, topic + ".urgency-service.dlq", r -> key.equals(r.key()));
        assertThat(header(dead, "x-exception-message")).contains(topic + " record without ce_source");
    }

    @ParameterizedTest
    @ValueSource(strings = {RECEIVED, TRIAGED, DELIVERY_STATUS})
    void shouldDeadLetterARecordWithoutItsTicketIdNamingTheField(String topic) {
        // given the contract's example without its ticket id
        String key = "no-ticket-" + UUID.randomUUID();
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(topic));
        event.remove("ticketId");

        // when
        Records.send(brokers, topic, key, json.writeValueAsBytes(event), Records.cloudEvent(key, WRITERS.get(topic)[0], WRITERS.get(topic)[1], null));

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, topic + ".urgency-service.dlq", r -> key.equals(r.key()));
        assertThat(header(dead, "x-exception-message")).contains(topic + " record without ticketId");
    }

    private void send(String topic, ObjectNode event, String ceId, String source, String type) {
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(topic, body)).isEmpty();
        Records.send(brokers, topic, event.get("customerId").asString(), body,
                Records.cloudEvent(ceId, source, type, event.get("ticketId").asString()));
    }
}
