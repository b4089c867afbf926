package fr.numi.feedback.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.feedback.kpi.application.TicketKpiStore;
import fr.numi.feedback.kpi.domain.TicketKpis;
import fr.numi.feedback.support.FeedbackIntegrationTest;
import fr.numi.feedback.support.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import com.jayway.jsonpath.JsonPath;
import fr.numi.contracts.testing.TestTokens;
import java.util.List;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * feedback-service's part of an erasure (issue 14, ADR 11) on a real broker and Mongo-wire server: the person's ticket
 * still counts (level, times, rating) under the erased marker instead of their customer id; the answer on
 * {@code feedback.erasure-completed.v1}; erasing again changes nothing.
 */
@FeedbackIntegrationTest
class ErasureIT {

    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String COMPLETED = "feedback.erasure-completed.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    TicketKpiStore store;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    static final String DPO = "Bearer " + TestTokens.agent("dora", "DPO");

    /** feedback's part of the person's export, as the DPO reads it. */
    String export(String customerId) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/api/v1/privacy/customers/{id}/data", customerId).header("Authorization", DPO).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void shouldServeTheExportToTheDpoOnly() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String path = "/api/v1/privacy/customers/cus_" + UUID.randomUUID().toString().replace("-", "") + "/data";
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        http.get().uri(path).header("Authorization", "Bearer " + TestTokens.agent("sam", "SUPERVISOR")).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/privacy/customers/cus_1/data").header("Authorization", DPO).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
    }

    @Test
    void shouldKeepTheRatedTicketCountedWithoutThePersonsCustomerId() {
        // given: a person's ticket, resolved and rated
        String customerId = "cus_" + UUID.randomUUID().toString().replace("-", "");
        Instant t0 = Instant.parse("2031-03-04T09:00:00Z");
        Lifecycle ticket = new Lifecycle(brokers, "WEB");
        ticket.change("ticket-received", "RECEIVED", null, t0, t0, Map.of("customerId", customerId));
        ticket.change("ticket-qualified", "QUALIFIED", 2, t0.plusSeconds(5), t0, Map.of("customerId", customerId, "category", "printing"));
        ticket.change("ticket-resolved", "RESOLVED", 2, t0.plusSeconds(3600), t0, Map.of("customerId", customerId, "agentId", "agent-1"));
        ticket.rating("web-feedback-" + ticket.ticketId, 5, t0.plusSeconds(7200));
        await().atMost(Duration.ofSeconds(30)).until(() -> kpis(ticket.ticketId) != null && kpis(ticket.ticketId).rating() != null
                && customerId.equals(kpis(ticket.ticketId).customerId()));
        // the person's export holds the ticket's KPI record, with their rating
        String part = export(customerId);
        assertThat((List<String>) JsonPath.read(part, "$.collections.kpi_tickets[*]._id")).containsExactly(ticket.ticketId);
        assertThat((List<Integer>) JsonPath.read(part, "$.collections.kpi_tickets[*].kpis.rating.stars")).containsExactly(5);

        // when
        String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
        requestErasure(erasureId, customerId);

        // then: answered, and the ticket still counts, rating and all, without the person's id
        JsonNode answer = answer(erasureId);
        assertThat(answer.get("service").asString()).isEqualTo("feedback-service");
        assertThat(answer.get("counts").get("kpi_tickets").asLong()).isEqualTo(1);
        TicketKpis.Snapshot after = kpis(ticket.ticketId);
        assertThat(after.customerId()).isEqualTo("cus_00000000000000000000000000000000");
        assertThat(after.rating().stars()).isEqualTo(5);
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.receivedAt()).isEqualTo(t0);
        // and the person's export no longer leads to it
        assertThat((List<Object>) JsonPath.read(export(customerId), "$.collections.kpi_tickets")).isEmpty();

        // and a later change of the ticket still applies (the erasure moved the store version: no lost update)
        ticket.change("ticket-closed", "CLOSED", 2, t0.plusSeconds(9000), t0, Map.of("customerId", "cus_00000000000000000000000000000000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> kpis(ticket.ticketId).closedAt() != null);

        // and erasing again changes nothing
        String again = "era_" + UUID.randomUUID().toString().replace("-", "");
        requestErasure(again, customerId);
        assertThat(answer(again).get("counts").get("kpi_tickets").asLong()).isZero();
    }

    TicketKpis.Snapshot kpis(String ticketId) {
        TicketKpiStore.Stored stored = store.load(ticketId).block(Duration.ofSeconds(5));
        return stored == null ? null : stored.kpis();
    }

    void requestErasure(String erasureId, String customerId) {
        byte[] body = ("{\"erasureId\":\"" + erasureId + "\",\"customerId\":\"" + customerId + "\",\"requestedAt\":\"2026-12-02T09:30:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Contracts.bodyViolations(REQUESTED, body)).isEmpty();
        Records.send(brokers, REQUESTED, customerId, erasureId, "/numi/intake-service", "fr.numi.intake.erasure-requested.v1", null, body);
    }

    JsonNode answer(String erasureId) {
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, COMPLETED,
                r -> (erasureId + ":feedback-service").equals(Records.header(r, "ce_id")));
        assertThat(Contracts.bodyViolations(COMPLETED, record.value())).isEmpty();
        return json.readTree(record.value());
    }
}
