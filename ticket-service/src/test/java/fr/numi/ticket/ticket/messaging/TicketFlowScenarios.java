package fr.numi.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.ticket.support.Records;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ticket-service's flows over real Kafka and a real Mongo-wire server. Run on embedded infrastructure
 * ({@link TicketFlowIT}) and, where Docker exists, on Testcontainers ({@link TicketFlowContainersIT}).
 */
abstract class TicketFlowScenarios {

    static final String RECEIVED = "intake.request-received.v1";
    static final String TRIAGED = "triage.request-triaged.v1";
    static final String LIFECYCLE = "ticket.lifecycle.v1";

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();
    WebTestClient http;

    abstract String brokers();

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldOpenQualifyQueueAndPublishWhenTheRequestThenItsTriageArrive() {
        // given
        Request request = newRequest();

        // when
        sendReceived(request, false);
        sendTriaged(request, 2, "NORMAL", false);

        // then: the person sees the qualified ticket
        awaitStatus(request.token(), "QUALIFIED")
                .jsonPath("$.ticketId").isEqualTo(request.ticketId())
                .jsonPath("$.level").isEqualTo(2)
                .jsonPath("$.levelLabel").value(label -> assertThat((String) label).contains("Jedi"))
                .jsonPath("$.nextStep").isNotEmpty()
                .jsonPath("$.timeline.length()").isEqualTo(2);

        // and the level-2 queue has it, as the contract says
        ConsumerRecord<String, byte[]> queued = Records.await(brokers(), "ticket.queue-level-2.v1", about(request), 1).get(0);
        assertThat(queued.key()).isEqualTo(request.ticketId());
        assertThat(Contracts.headerViolations("ticket.queue-level-2.v1", Records.rawHeaders(queued))).isEmpty();
        assertThat(Contracts.bodyViolations("ticket.queue-level-2.v1", queued.value())).isEmpty();
        assertThat(json.readTree(queued.value()).get("priority").asInt()).isEqualTo(50);

        // and the lifecycle topic tells received then qualified
        List<ConsumerRecord<String, byte[]>> lifecycle = Records.await(brokers(), LIFECYCLE, about(request), 2);
        assertThat(lifecycle).extracting(r -> Records.header(r, "ce_type"))
                .containsExactly("fr.numi.ticket.ticket-received.v1", "fr.numi.ticket.ticket-qualified.v1");
        assertThat(lifecycle).allSatisfy(r -> {
            assertThat(Contracts.headerViolations(LIFECYCLE, Records.rawHeaders(r))).isEmpty();
            assertThat(Contracts.bodyViolations(LIFECYCLE, r.value())).isEmpty();
        });

        // and the stored ticket holds the triage reasons, with nothing left in its outbox
        Document stored = storedTicket(request.ticketId());
        assertThat(stored.getString("status")).isEqualTo("QUALIFIED");
        assertThat(stored.get("triage", Document.class).getList("reasons", Document.class)).isNotEmpty();
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getString("trackingTokenHash")).isEqualTo(sha256(request.token()));
    }

    @Test
    void shouldApplyATriageResultThatArrivesBeforeItsRequest() {
        // given
        Request request = newRequest();

        // when: triage overtakes the request
        sendTriaged(request, 1, "LOW", false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(storedTicketOrNull(request.ticketId())).isNotNull());
        sendReceived(request, false);

        // then
        awaitStatus(request.token(), "QUALIFIED").jsonPath("$.level").isEqualTo(1);
        Records.await(brokers(), "ticket.queue-level-1.v1", about(request), 1);
    }

    @Test
    void shouldApplyARedeliveredEventOnlyOnce() {
        // given
        Request request = newRequest();

        // when: both events are delivered twice, as after a consumer crash before its commit
        sendReceived(request, true);
        sendReceived(request, true);
        sendTriaged(request, 3, "CRITICAL", true);
        sendTriaged(request, 3, "CRITICAL", true);

        // then
        awaitStatus(request.token(), "QUALIFIED").jsonPath("$.cyberUrgency").isEqualTo(true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(storedTicket(request.ticketId()).getList("processedEventIds", String.class)).hasSize(2));
        Document stored = storedTicket(request.ticketId());
        assertThat(stored.getList("timeline", Document.class)).extracting(d -> d.getString("kind"))
                .containsExactly("RECEIVED", "TRIAGED", "QUALIFIED");
        assertThat(Records.drain(brokers(), "ticket.queue-level-3.v1", about(request))).hasSize(1);
        assertThat(Records.drain(brokers(), LIFECYCLE, about(request))).hasSize(2);
    }

    @Test
    void shouldReadTheContractExamples() {
        // given: the examples of contracts/ (the triage example qualifies the request example)
        String ticketId = json.readTree(Contracts.example(RECEIVED)).get("ticketId").asString();

        // when
        Records.send(brokers(), RECEIVED, "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", "example-received", "/numi/intake-service",
                "fr.numi.intake.request-received.v1", ticketId, Contracts.example(RECEIVED));
        Records.send(brokers(), TRIAGED, "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", "example-triaged", "/numi/triage-service",
                "fr.numi.triage.request-triaged.v1", ticketId, Contracts.example(TRIAGED));

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(storedTicket(ticketId).getString("status")).isEqualTo("QUALIFIED"));
        assertThat(storedTicket(ticketId).getString("category")).isEqualTo("printing");
    }

    @Test
    void shouldSendAnUnreadableRecordToTheDeadLetterTopicWithTheReason() {
        // given
        String marker = "broken-" + RANDOM.nextInt(1_000_000);

        // when
        Records.send(brokers(), RECEIVED, "cus_00000000000000000000000000000000", marker, "/numi/intake-service",
                "fr.numi.intake.request-received.v1", "NUMI-0000-0000", "{not json".getBytes(StandardCharsets.UTF_8));

        // then
        ConsumerRecord<String, byte[]> dead = Records.await(brokers(), "intake.request-received.v1.ticket-service.dlq",
                r -> marker.equals(Records.header(r, "ce_id")), 1).get(0);
        assertThat(Records.header(dead, "x-exception-message")).contains("unreadable");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    @Test
    void shouldAnswer404ProblemWithNoHintForAnUnknownToken() {
        String unknown = "A".repeat(43);
        String malformed = "not-a-token";
        for (String token : List.of(unknown, malformed)) {
            http.get().uri("/api/v1/tracking/{token}", token).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/tracking-not-found")
                    .jsonPath("$.ticketId").doesNotExist();
        }
    }

    // --- helpers ---

    record Request(String ticketId, String requestId, String customerId, String token) {}

    Request newRequest() {
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(CROCKFORD[RANDOM.nextInt(CROCKFORD.length)]);
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String token = HexFormat.of().formatHex(raw) + "abcdefghijk";
        return new Request(id.toString(), "web-" + HexFormat.of().formatHex(raw, 0, 8), "cus_" + HexFormat.of().formatHex(raw), token);
    }

    void sendReceived(Request request, boolean redButton) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        body.put("ticketId", request.ticketId()).put("requestId", request.requestId()).put("customerId", request.customerId())
                .put("trackingTokenHash", sha256(request.token())).put("redButton", redButton);
        Records.send(brokers(), RECEIVED, request.customerId(), request.requestId(), "/numi/intake-service",
                "fr.numi.intake.request-received.v1", request.ticketId(), json.writeValueAsBytes(body));
    }

    void sendTriaged(Request request, int level, String urgency, boolean cyber) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(TRIAGED));
        body.put("ticketId", request.ticketId()).put("requestId", request.requestId()).put("customerId", request.customerId())
                .put("level", level).put("urgency", urgency).put("cyber", cyber);
        Records.send(brokers(), TRIAGED, request.customerId(), "triage-" + request.requestId(), "/numi/triage-service",
                "fr.numi.triage.request-triaged.v1", request.ticketId(), json.writeValueAsBytes(body));
    }

    WebTestClient.BodyContentSpec awaitStatus(String token, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                http.get().uri("/api/v1/tracking/{token}", token).exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo(status));
        return http.get().uri("/api/v1/tracking/{token}", token).exchange().expectStatus().isOk().expectBody();
    }

    static java.util.function.Predicate<ConsumerRecord<String, byte[]>> about(Request request) {
        return r -> request.ticketId().equals(Records.header(r, "ce_subject"));
    }

    Document storedTicket(String ticketId) {
        Document doc = storedTicketOrNull(ticketId);
        assertThat(doc).as("stored ticket " + ticketId).isNotNull();
        return doc;
    }

    Document storedTicketOrNull(String ticketId) {
        return mongo.getCollection("tickets").flatMap(c -> reactor.core.publisher.Mono.from(c.find(new Document("_id", ticketId)).first()))
                .block(Duration.ofSeconds(5));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
