package fr.numi.ticket.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.support.MongoWireServer;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ticket-service's part of an erasure (issue 14, ADR 11) on the real broker and Mongo-wire server: the person's ticket
 * keeps its reference, level, status and times but loses their name, contact, words, the agents' replies and notes and
 * the tracking link; the answer says so; the person writing again is a new customer; a second erasure changes nothing;
 * MongoDB cut meanwhile is waited out, never dead-lettered.
 */
@TicketIntegrationTest
class ErasureIT {

    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String COMPLETED = "ticket.erasure-completed.v1";
    static final String PADAWAN = TestTokens.agent("alice", "AGENT_L1");
    static final String SUPERVISOR = TestTokens.agent("sup", "SUPERVISOR");

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    TicketDriver driver;
    WebTestClient http;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
        http = driver.http();
    }

    @AfterEach
    void mongoBack() {
        MongoWireServer.outage().restore();
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
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, COMPLETED, r -> (erasureId + ":ticket-service").equals(Records.header(r, "ce_id")));
        assertThat(Contracts.bodyViolations(COMPLETED, record.value())).isEmpty();
        return json.readTree(record.value());
    }

    WebTestClient.ResponseSpec post(String token, String ticketId, String action, Object body) {
        var spec = http.post().uri("/api/v1/agent/tickets/{id}/" + action, ticketId).headers(h -> h.setBearerAuth(token));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void shouldMakeThePersonsTicketAnonymousAndKeepWhatIsCounted() {
        // given: a person's WhatsApp conversation (a proven contact: their next messages would join it), answered by an
        // agent, with a note
        Request request = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(request, false);
        driver.sendTriaged(request, 1, "NORMAL", false);
        driver.awaitStatus(request.token(), "QUALIFIED");
        post(PADAWAN, request.ticketId(), "claim", null).expectStatus().isOk();
        post(PADAWAN, request.ticketId(), "replies", Map.of("text", "Débranchez la box Freebox quelques secondes.")).expectStatus().isOk();
        post(PADAWAN, request.ticketId(), "notes", Map.of("text", "Madame Martin semble inquiète")).expectStatus().isOk();
        Document before = driver.storedTicket(request.ticketId());
        assertThat(before.toJson()).contains("Jeanne Martin", request.contactValue(), "voyant clignote", "Freebox", "Madame Martin");

        // when
        String erasureId = newErasureId();
        requestErasure(erasureId, request.customerId());

        // then: the answer counts the ticket
        JsonNode answer = answer(erasureId);
        assertThat(answer.get("service").asString()).isEqualTo("ticket-service");
        assertThat(answer.get("customerId").asString()).isEqualTo(request.customerId());
        assertThat(answer.get("counts").get("tickets").asLong()).isEqualTo(1);
        // the ticket keeps what is counted, not the person
        Document after = driver.storedTicket(request.ticketId());
        assertThat(after.toJson()).doesNotContain("Jeanne Martin", request.contactValue(), "voyant clignote", "Freebox", "Madame Martin",
                request.customerId());
        assertThat(after.getString("customerId")).isEqualTo("cus_00000000000000000000000000000000");
        assertThat(after.getInteger("level")).isEqualTo(1);
        assertThat(after.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(after.get("receivedAt")).isEqualTo(before.get("receivedAt"));
        assertThat(after.getList("timeline", Document.class)).hasSameSizeAs(before.getList("timeline", Document.class));
        // the tracking link leads nowhere; agents still see the ticket, without words
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                http.get().uri("/api/v1/tracking/{token}", request.token()).exchange().expectStatus().isNotFound());
        http.get().uri("/api/v1/agent/tickets/{id}", request.ticketId()).headers(h -> h.setBearerAuth(SUPERVISOR)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(view -> assertThat(view).doesNotContain("Jeanne", "voyant", "Freebox", request.contactValue()));

        // and the same person writing again on WhatsApp is a new customer: their message opens a new ticket instead of
        // joining the old conversation, which stays untouched
        Request again = request.nextFromSamePerson();
        driver.sendReceived(again, false);
        driver.sendTriaged(again, 1, "NORMAL", false);
        driver.awaitStatus(again.token(), "QUALIFIED");
        assertThat(driver.storedTicket(again.ticketId()).getString("customerId")).isEqualTo(request.customerId());
        assertThat(driver.storedTicket(request.ticketId()).toJson()).doesNotContain(request.customerId(), "voyant clignote");

        // and a second erasure of the person finds only the new ticket
        String second = newErasureId();
        requestErasure(second, request.customerId());
        assertThat(answer(second).get("counts").get("tickets").asLong()).isEqualTo(1);
        // and a third, nothing
        String third = newErasureId();
        requestErasure(third, request.customerId());
        assertThat(answer(third).get("counts").get("tickets").asLong()).isZero();
    }

    static final String DPO = TestTokens.agent("dora", "DPO");

    String export(String customerId) {
        return http.get().uri("/api/v1/privacy/customers/{id}/data", customerId).headers(h -> h.setBearerAuth(DPO)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void shouldExportThePersonsTicketWithTheConversationAndNothingOnceErased() {
        // given: a person's ticket, answered by an agent, with a note
        Request request = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(request, false);
        driver.sendTriaged(request, 1, "NORMAL", false);
        driver.awaitStatus(request.token(), "QUALIFIED");
        post(PADAWAN, request.ticketId(), "claim", null).expectStatus().isOk();
        post(PADAWAN, request.ticketId(), "replies", Map.of("text", "Redémarrez la Livebox, s'il vous plaît.")).expectStatus().isOk();
        post(PADAWAN, request.ticketId(), "notes", Map.of("text", "Personne très patiente")).expectStatus().isOk();

        // when
        String part = export(request.customerId());

        // then: their ticket, whole: name, contact, their words, the agent's reply and note; their conversation pointer
        assertThat((String) JsonPath.read(part, "$.service")).isEqualTo("ticket-service");
        assertThat((List<String>) JsonPath.read(part, "$.collections.tickets[*]._id")).containsExactly(request.ticketId());
        assertThat(part).contains("Jeanne Martin", request.contactValue(), "voyant clignote", "Livebox", "Personne très patiente");
        assertThat((List<String>) JsonPath.read(part, "$.collections.conversations[*]._id")).containsExactly(request.customerId());
        // nobody else's ticket
        assertThat(export("cus_" + UUID.randomUUID().toString().replace("-", ""))).doesNotContain(request.ticketId());
        // the erased marker names nobody: its export is empty, though erased tickets carry it
        assertThat(export("cus_00000000000000000000000000000000")).doesNotContain("\"tickets\"");

        // when: the person is erased
        String erasureId = newErasureId();
        requestErasure(erasureId, request.customerId());
        answer(erasureId);

        // then: nothing of them is exported any more
        String after = export(request.customerId());
        assertThat((List<Object>) JsonPath.read(after, "$.collections.tickets")).isEmpty();
        assertThat((List<Object>) JsonPath.read(after, "$.collections.conversations")).isEmpty();
        assertThat(after).doesNotContain("Jeanne", "voyant", "Livebox", request.contactValue());
    }

    @Test
    void shouldServeTheExportToTheDpoOnly() {
        String path = "/api/v1/privacy/customers/cus_" + UUID.randomUUID().toString().replace("-", "") + "/data";
        http.get().uri(path).exchange().expectStatus().isUnauthorized();
        http.get().uri(path).headers(h -> h.setBearerAuth(SUPERVISOR)).exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/privacy/customers/cus_1/data").headers(h -> h.setBearerAuth(DPO)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAnErasureOfAnUnknownPersonWithNothingErased() {
        String erasureId = newErasureId();
        requestErasure(erasureId, "cus_" + UUID.randomUUID().toString().replace("-", ""));
        assertThat(answer(erasureId).get("counts").get("tickets").asLong()).isZero();
    }

    @Test
    void shouldWaitOutAMongoDbOutageAndThenEraseNeverDeadLetter() {
        // given: a person's ticket, and MongoDB cut as the erasure arrives
        Request request = driver.qualified(2);
        double before = retries();
        MongoWireServer.outage().cut();
        String erasureId = newErasureId();
        requestErasure(erasureId, request.customerId());

        // when: the consumer meets the outage, and tries again
        await().atMost(Duration.ofSeconds(30)).until(() -> retries() >= before + 2);
        MongoWireServer.outage().restore();

        // then: once MongoDB is back, the ticket is made anonymous and the answer written; nothing dead-lettered
        assertThat(answer(erasureId).get("counts").get("tickets").asLong()).isEqualTo(1);
        assertThat(driver.storedTicket(request.ticketId()).toJson()).doesNotContain("voyant clignote", request.contactValue());
        List<ConsumerRecord<String, byte[]>> dead = Records.drain(brokers, REQUESTED + ".ticket-service.dlq", r -> request.customerId().equals(r.key()));
        assertThat(dead).isEmpty();
    }

    double retries() {
        return meters.find("numi.consumer.dependency.retries").tag("binding", "erasureRequested-in-0").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
