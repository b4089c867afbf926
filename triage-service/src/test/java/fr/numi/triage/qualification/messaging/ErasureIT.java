package fr.numi.triage.qualification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.triage.qualification.persistence.MongoDecisionArchive;
import fr.numi.triage.support.TriageIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import fr.numi.contracts.testing.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * triage-service's part of an erasure (issue 14, ADR 11) on a real broker and Mongo-wire server: the person's archived
 * decisions (with their words) and contact history deleted, another person's kept, the answer on
 * {@code triage.erasure-completed.v1}; erasing again deletes nothing.
 */
@TriageIntegrationTest
class ErasureIT {

    static final String REQUESTS = "intake.request-received.v1";
    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String COMPLETED = "triage.erasure-completed.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    /** triage's part of the person's export (GET /api/v1/privacy/customers/{id}/data), as the DPO reads it. */
    String export(String customerId) {
        return new String(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/api/v1/privacy/customers/" + customerId + "/data").header("Authorization", "Bearer " + TestTokens.agent("dora", "DPO"))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldExportThePersonsDecisionsWithTheirWordsAndNothingOnceErased() {
        // given: a person and another triage decided on
        String person = newCustomerId();
        String other = newCustomerId();
        String theirs = publishRequest(person, "Mon ordinateur affiche un message de rançon, tout est chiffré.");
        String kept = publishRequest(other, "Je voudrais apprendre à envoyer une photo par mail.");
        await().atMost(Duration.ofSeconds(30)).until(() -> decision(theirs) != null && decision(kept) != null && history(person) != null);

        // when
        String part = export(person);

        // then: their decision with the words it was taken on, their contact history, nothing of the other
        assertThat((String) JsonPath.read(part, "$.service")).isEqualTo("triage-service");
        assertThat((String) JsonPath.read(part, "$.customerId")).isEqualTo(person);
        assertThat((List<String>) JsonPath.read(part, "$.collections.decisions[*]._id")).containsExactly(theirs);
        assertThat((String) JsonPath.read(part, "$.collections.decisions[0].text")).contains("rançon");
        assertThat(part).contains("message de rançon").doesNotContain("photo par mail");
        assertThat((List<String>) JsonPath.read(part, "$.collections.contact_histories[*]._id")).containsExactly(person);

        // and once erased, nothing
        String erasureId = newErasureId();
        requestErasure(erasureId, person);
        answer(erasureId);
        String after = export(person);
        assertThat((List<Object>) JsonPath.read(after, "$.collections.decisions")).isEmpty();
        assertThat((List<Object>) JsonPath.read(after, "$.collections.contact_histories")).isEmpty();
        assertThat(after).doesNotContain("rançon");
    }

    @Test
    void shouldServeTheExportToTheDpoOnly() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String path = "/api/v1/privacy/customers/" + newCustomerId() + "/data";
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        http.get().uri(path).header("Authorization", "Bearer " + TestTokens.agent("sam", "SUPERVISOR", "AGENT_L3")).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/privacy/customers/cus_1/data").header("Authorization", "Bearer " + TestTokens.agent("dora", "DPO"))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
    }

    @Test
    void shouldDeleteThePersonsDecisionsAndHistoryAndKeepAnotherPersons() {
        // given: two people triage decided on
        String person = newCustomerId();
        String other = newCustomerId();
        String theirs = publishRequest(person, "Un faux conseiller m'a fait virer 900 euros, je suis paniquée.");
        String kept = publishRequest(other, "Mon imprimante n'imprime plus depuis hier.");
        await().atMost(Duration.ofSeconds(30)).until(() -> decision(theirs) != null && decision(kept) != null
                && history(person) != null && history(other) != null);
        assertThat(decision(theirs).getString("text")).contains("faux conseiller");

        // when
        String erasureId = newErasureId();
        requestErasure(erasureId, person);

        // then: the answer, and the person's data gone, the other's kept
        JsonNode answer = answer(erasureId);
        assertThat(answer.get("service").asString()).isEqualTo("triage-service");
        assertThat(answer.get("counts").get("decisions").asLong()).isEqualTo(1);
        assertThat(answer.get("counts").get("contact_histories").asLong()).isEqualTo(1);
        assertThat(decision(theirs)).isNull();
        assertThat(history(person)).isNull();
        assertThat(decision(kept)).isNotNull();
        assertThat(history(other)).isNotNull();

        // and erasing again deletes nothing
        String again = newErasureId();
        requestErasure(again, person);
        assertThat(answer(again).get("counts").get("decisions").asLong()).isZero();
    }

    static String newCustomerId() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String newErasureId() {
        return "era_" + UUID.randomUUID().toString().replace("-", "");
    }

    void requestErasure(String erasureId, String customerId) {
        byte[] body = ("{\"erasureId\":\"" + erasureId + "\",\"customerId\":\"" + customerId + "\",\"requestedAt\":\"2026-12-02T09:30:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Contracts.bodyViolations(REQUESTED, body)).isEmpty();
        Records.send(brokers, REQUESTED, customerId, erasureId, "/numi/intake-service", "fr.numi.intake.erasure-requested.v1", null, body);
    }

    JsonNode answer(String erasureId) {
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, COMPLETED,
                r -> (erasureId + ":triage-service").equals(Records.header(r, "ce_id")));
        assertThat(Contracts.bodyViolations(COMPLETED, record.value())).isEmpty();
        return json.readTree(record.value());
    }

    Document decision(String requestId) {
        return mongo.findById(requestId, Document.class, MongoDecisionArchive.COLLECTION).block(Duration.ofSeconds(5));
    }

    Document history(String customerId) {
        return mongo.findById(customerId, Document.class, "contact_histories").block(Duration.ofSeconds(5));
    }

    String publishRequest(String customerId, String text) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(REQUESTS));
        String requestId = "web-" + UUID.randomUUID();
        String ticketId = Records.newTicketId();
        event.put("requestId", requestId);
        event.put("ticketId", ticketId);
        event.put("customerId", customerId);
        event.put("text", text);
        event.putNull("subject");
        Records.send(brokers, REQUESTS, customerId, json.writeValueAsBytes(event),
                Records.cloudEvent(requestId, "/numi/intake-service", "fr.numi.intake.request-received.v1", ticketId));
        return requestId;
    }
}
