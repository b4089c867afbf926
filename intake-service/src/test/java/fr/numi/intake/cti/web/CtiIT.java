package fr.numi.intake.cti.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Generic CTI push (Zammad's shape) from a PBX bridge, through the real endpoint. */
@IntakeIntegrationTest
class CtiIT {

    static final String TOPIC = "intake.request-received.v1";
    static final String PATH = "/api/v1/cti/" + IntakeIntegrationTest.CTI_TOKEN;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    GatewayMetrics metrics;

    WebTestClient http;
    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldTurnAMissedIncomingCallIntoOneCallBackRequest() {
        // given: Zammad's form-encoded pushes, as a bridge sends them
        String callId = callId();
        form("event=newCall&from=0612345678&to=4930600000000&direction=in&callId=" + callId + "&user%5B%5D=Alice&queue=support")
                .expectStatus().isOk().expectBody().json("{}");

        // when: the caller hangs up before anyone answers (twice: the bridge retries)
        form("event=hangup&from=0612345678&to=4930600000000&direction=in&callId=" + callId + "&cause=noAnswer").expectStatus().isOk();
        form("event=hangup&from=0612345678&to=4930600000000&direction=in&callId=" + callId + "&cause=noAnswer").expectStatus().isOk();

        // then
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("cti:asterisk:" + callId));
        assertThat(records).hasSize(1);
        assertThat(Contracts.bodyViolations(TOPIC, records.get(0).value())).isEmpty();
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(event.get("channel").asString()).isEqualTo("PHONE");
        assertThat(event.get("contact").get("value").asString()).isEqualTo("+33612345678");
        assertThat(event.get("text").asString()).contains("Appel manqué (noAnswer)").contains("rappeler");
    }

    @Test
    void shouldTurnAnAnsweredCallIntoOneRequestHeldByTheAgentWhoTookIt() {
        // given
        String callId = callId();
        jsonPush("{\"event\":\"newCall\",\"from\":\"+33611111111\",\"to\":\"+33100000000\",\"direction\":\"in\",\"callId\":\"" + callId + "\",\"user\":[\"Alice\"]}")
                .expectStatus().isOk();
        jsonPush("{\"event\":\"answer\",\"from\":\"+33611111111\",\"to\":\"+33100000000\",\"direction\":\"in\",\"callId\":\"" + callId
                + "\",\"user\":[\"Alice\"],\"answeringNumber\":\"201\"}").expectStatus().isOk();

        // when
        jsonPush("{\"event\":\"hangup\",\"from\":\"+33611111111\",\"to\":\"+33100000000\",\"direction\":\"in\",\"callId\":\"" + callId
                + "\",\"cause\":\"normalClearing\"}").expectStatus().isOk();

        // then: one request, held by the agent mapped to extension 201, and no call-back request
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("cti:asterisk:" + callId));
        assertThat(records).hasSize(1);
        assertThat(Contracts.bodyViolations(TOPIC, records.get(0).value())).isEmpty();
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(event.get("answeredBy").asString()).isEqualTo("alice");
        assertThat(event.get("contactProven").asBoolean()).isTrue();
        assertThat(event.get("text").asString()).contains("pris par alice").doesNotContain("rappeler");
    }

    @Test
    void shouldLetAnAgentLogACallTheyTookWithTheirToken() {
        // when
        String ticketId = json.readTree(http.post().uri("/api/v1/agent/calls").headers(h -> h.setBearerAuth(TestTokens.agent("bob", "AGENT_L1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\":\"06 22 33 44 55\",\"name\":\"M. Durand\",\"summary\":\"Aidé à retrouver ses photos sur la tablette\"}")
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody()).get("ticketId").asString();

        // then
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, TOPIC, r -> ticketId.equals(TopicReader.header(r, "ce_subject")));
        JsonNode event = SealedRecords.open(records.get(records.size() - 1), customerKeys);
        assertThat(event.get("answeredBy").asString()).isEqualTo("bob");
        assertThat(event.get("name").asString()).isEqualTo("M. Durand");
        assertThat(event.get("contact").get("value").asString()).isEqualTo("+33622334455");
        assertThat(event.get("text").asString()).contains("retrouver ses photos");
    }

    @Test
    void shouldRefuseToLogACallWithoutAnAgentsToken() {
        http.post().uri("/api/v1/agent/calls").header("Connection", "close").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"phone\":\"0622334455\",\"summary\":\"x\"}")
                .exchange().expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/agent/calls").header("Connection", "close").headers(h -> h.setBearerAuth(TestTokens.agent("eve")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"phone\":\"0622334455\",\"summary\":\"x\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldAnswerABare404AndCountItForAnUnknownToken() {
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "cti", "reason", "unknown-token");

        http.post().uri("/api/v1/cti/guessed-token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("event=newCall&from=0612345678&direction=in&callId=x").exchange()
                .expectStatus().isNotFound()
                .expectBody().isEmpty();

        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "cti", "reason", "unknown-token")).isEqualTo(before + 1);
    }

    @Test
    void shouldAnswer400ForAMalformedOrIncompletePush() {
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "cti", "reason", "malformed");

        jsonPush("{\"event\":\"newCall\",").expectStatus().isBadRequest();
        jsonPush("{\"event\":\"ringing\",\"callId\":\"c1\"}").expectStatus().isBadRequest();
        form("event=hangup&direction=in&from=0612345678").expectStatus().isBadRequest();

        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "cti", "reason", "malformed")).isEqualTo(before + 3);
    }

    @Test
    void shouldNotPublishAMissedCallWithoutACallerId() {
        // given
        String callId = callId();

        // when
        form("event=hangup&from=anonymous&to=4930600000000&direction=in&callId=" + callId + "&cause=cancel").expectStatus().isOk();

        // then
        assertThat(TopicReader.drain(brokers, TOPIC, withId("cti:asterisk:" + callId))).isEmpty();
    }

    private WebTestClient.ResponseSpec form(String body) {
        return http.post().uri(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec jsonPush(String body) {
        return http.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String callId() {
        return UUID.randomUUID().toString();
    }
}
