package fr.numi.urgency.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.TestTokens;
import java.util.List;
import org.springframework.test.web.reactive.server.WebTestClient;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.Records;
import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.Flow.Person;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * urgency-service's part of an erasure (issue 14, ADR 11) on the real broker and Mongo-wire server: the person's urgency
 * still there for level 3 and the counts, without their customer id; a provider's refusal reason for a message to them
 * gone; the answer on {@code urgency.erasure-completed.v1}; erasing again changes nothing.
 */
@UrgencyIntegrationTest
class ErasureIT {

    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String COMPLETED = "urgency.erasure-completed.v1";
    static final String REFUSAL = "WhatsApp error 131026: +33612345678 undeliverable";

    @Autowired
    CustomerKeys customerKeys;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    Flow flow;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        flow = new Flow(brokers, port, customerKeys);
    }

    @Test
    void shouldKeepTheUrgencyWithoutThePersonAndDropWhatAProviderSaidAboutThem() {
        // given: a red button, declared, whose instructions a provider refused with a reason naming the number
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, "Un faux conseiller de ma banque m'a fait faire un virement.");
        flow.declared(person.ticketId(), 1);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "FAILED", REFUSAL);
        await().atMost(Duration.ofSeconds(30)).until(() -> report(person.ticketId()) != null && report(person.ticketId()).getString("reason") != null);
        assertThat(urgency(person.ticketId()).getString("customerId")).isEqualTo(person.customerId());

        // when
        String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
        requestErasure(erasureId, person.customerId());

        // then
        JsonNode answer = answer(erasureId);
        assertThat(answer.get("service").asString()).isEqualTo("urgency-service");
        assertThat(answer.get("counts").get("urgencies").asLong()).isEqualTo(1);
        assertThat(answer.get("counts").get("delivery_reports").asLong()).isEqualTo(1);
        Document urgency = urgency(person.ticketId());
        assertThat(urgency.getString("customerId")).isEqualTo("cus_00000000000000000000000000000000");
        assertThat(urgency.getString("incidentType")).isNotBlank();
        assertThat(report(person.ticketId()).getString("outcome")).isEqualTo("FAILED");
        assertThat(report(person.ticketId()).toJson()).doesNotContain("+33612345678");
        assertThat(mongo.count(Query.query(Criteria.where("customerId").is(person.customerId())), "ticket_sightings")
                .block(Duration.ofSeconds(5))).isZero();

        // and erasing again changes nothing
        String again = "era_" + UUID.randomUUID().toString().replace("-", "");
        requestErasure(again, person.customerId());
        JsonNode second = answer(again).get("counts");
        assertThat(second.get("urgencies").asLong() + second.get("delivery_reports").asLong() + second.get("ticket_sightings").asLong()).isZero();
    }

    static final String DPO = "Bearer " + TestTokens.agent("dora", "DPO");

    String export(String customerId) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/api/v1/privacy/customers/{id}/data", customerId).header("Authorization", DPO).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void shouldExportThePersonsUrgencyAndDeliveryReportsAndNoCustomerIdOnceErased() {
        // given: a red button, declared, whose instructions a provider refused with a reason naming the number
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, "On m'a demandé mes codes de carte bancaire au téléphone.");
        flow.declared(person.ticketId(), 1);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "FAILED", REFUSAL);
        await().atMost(Duration.ofSeconds(30)).until(() -> report(person.ticketId()) != null && report(person.ticketId()).getString("reason") != null);

        // when
        String part = export(person.customerId());

        // then: their urgency, the sighting of their ticket, the report with the provider's reason
        assertThat((String) JsonPath.read(part, "$.service")).isEqualTo("urgency-service");
        assertThat((List<String>) JsonPath.read(part, "$.collections.urgencies[*]._id")).containsExactly(person.ticketId());
        assertThat((List<String>) JsonPath.read(part, "$.collections.delivery_reports[*].ticketId")).contains(person.ticketId());
        assertThat(part).contains("+33612345678");

        // when: erased
        String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
        requestErasure(erasureId, person.customerId());
        answer(erasureId);

        // then: nothing leads to them any more
        String after = export(person.customerId());
        assertThat((List<Object>) JsonPath.read(after, "$.collections.urgencies")).isEmpty();
        assertThat((List<Object>) JsonPath.read(after, "$.collections.delivery_reports")).isEmpty();
        assertThat(after).doesNotContain("+33612345678").doesNotContain(person.ticketId());
    }

    @Test
    void shouldServeTheExportToTheDpoOnly() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String path = "/api/v1/privacy/customers/cus_" + UUID.randomUUID().toString().replace("-", "") + "/data";
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        http.get().uri(path).header("Authorization", "Bearer " + TestTokens.agent("sam", "SUPERVISOR", "AGENT_L3")).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/privacy/customers/cus_1/data").header("Authorization", DPO).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
    }

    Document urgency(String ticketId) {
        return mongo.findById(ticketId, Document.class, "urgencies").block(Duration.ofSeconds(5));
    }

    Document report(String ticketId) {
        return mongo.findOne(Query.query(Criteria.where("ticketId").is(ticketId).and("kind").is("CYBER_INSTRUCTIONS")), Document.class,
                "delivery_reports").block(Duration.ofSeconds(5));
    }

    void requestErasure(String erasureId, String customerId) {
        byte[] body = ("{\"erasureId\":\"" + erasureId + "\",\"customerId\":\"" + customerId + "\",\"requestedAt\":\"2026-12-02T09:30:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Contracts.bodyViolations(REQUESTED, body)).isEmpty();
        Records.send(brokers, REQUESTED, customerId, erasureId, "/numi/intake-service", "fr.numi.intake.erasure-requested.v1", null, body);
    }

    JsonNode answer(String erasureId) {
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, COMPLETED,
                r -> (erasureId + ":urgency-service").equals(Records.header(r, "ce_id")));
        assertThat(Contracts.bodyViolations(COMPLETED, record.value())).isEmpty();
        return json.readTree(record.value());
    }
}
