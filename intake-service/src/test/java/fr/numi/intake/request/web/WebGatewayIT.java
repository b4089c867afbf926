package fr.numi.intake.request.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Web gateways: API keys, Idempotency-Key and CORS for numi's own pages, on the embedded broker. */
@IntakeIntegrationTest
class WebGatewayIT {

    static final String TOPIC = "intake.request-received.v1";
    static final String BODY = "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"gateway@example.org\"},\"description\":\"Ma box ne s'allume plus.\"}";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    GatewayMetrics metrics;

    @Autowired
    ReactiveMongoTemplate mongo;

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
    void shouldReplayTheOriginal202AndPublishOnceWhenTheSameKeyAndBodyComeAgain() {
        // given
        String key = UUID.randomUUID().toString();

        // when
        JsonNode first = post(IntakeIntegrationTest.PARTNER_KEY, key, BODY).expectStatus().isAccepted()
                .expectHeader().doesNotExist("Idempotent-Replayed").expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode second = post(IntakeIntegrationTest.PARTNER_KEY, key, BODY.replace(",", " , ")).expectStatus().isAccepted()
                .expectHeader().valueEquals("Idempotent-Replayed", "true").expectBody(JsonNode.class).returnResult().getResponseBody();

        // then
        assertThat(second).isEqualTo(first);
        assertThat(TopicReader.drain(brokers, TOPIC, withId("web:partner:" + key))).hasSize(1);
    }

    @Test
    void shouldGiveTheNextDerivedReferenceAndReplayItWhenAnotherRequestHoldsTheFirstOne() {
        // given: the reference this request derives is already another request's (40 bits collide)
        String key = UUID.randomUUID().toString();
        String requestId = "web:partner:" + key;
        String taken = DerivedIds.ticketId(IntakeIntegrationTest.CUSTOMER_SECRET, requestId);
        mongo.insert(new Document("_id", taken).append("requestId", "wa:someone-else"), "tickets").block(Duration.ofSeconds(5));

        // when
        String first = ticketOf(post(IntakeIntegrationTest.PARTNER_KEY, key, BODY).expectStatus().isAccepted());
        String replayed = ticketOf(post(IntakeIntegrationTest.PARTNER_KEY, key, BODY).expectStatus().isAccepted()
                .expectHeader().valueEquals("Idempotent-Replayed", "true"));

        // then: another reference, the same on the retry, and the first one left to its owner
        assertThat(first).isNotEqualTo(taken).isEqualTo(DerivedIds.ticketId(IntakeIntegrationTest.CUSTOMER_SECRET, requestId, 1));
        assertThat(replayed).isEqualTo(first);
        assertThat(SealedRecords.open(TopicReader.drain(brokers, TOPIC, withId(requestId)).get(0), customerKeys).get("ticketId").asString())
                .isEqualTo(first);
        assertThat(mongo.findById(taken, Document.class, "tickets").block(Duration.ofSeconds(5)).getString("requestId"))
                .isEqualTo("wa:someone-else");
        assertThat(metrics.count("numi.intake.ticket.reference.collisions")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldAnswer409ProblemAndPublishNothingMoreWhenTheKeyComesBackWithAnotherBody() {
        // given
        String key = UUID.randomUUID().toString();
        post(IntakeIntegrationTest.PARTNER_KEY, key, BODY).expectStatus().isAccepted();

        // when / then
        post(IntakeIntegrationTest.PARTNER_KEY, key, BODY.replace("ne s'allume plus", "clignote"))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/idempotency-conflict");
        assertThat(TopicReader.drain(brokers, TOPIC, withId("web:partner:" + key))).hasSize(1);
    }

    @Test
    void shouldKeepEachGatewaysKeysApart() {
        // given
        String key = UUID.randomUUID().toString();

        // when
        String partner = ticketOf(post(IntakeIntegrationTest.PARTNER_KEY, key, BODY).expectStatus().isAccepted());
        String anonymous = ticketOf(post(null, key, BODY.replace("ne s'allume plus", "fait du bruit")).expectStatus().isAccepted());

        // then
        assertThat(partner).isNotEqualTo(anonymous);
    }

    @Test
    void shouldAnswer401ProblemAndCountItWhenTheApiKeyIsUnknown() {
        // given
        String key = UUID.randomUUID().toString();
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "api-key-invalid");

        // when / then
        post("guessed-key", key, BODY).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "api-key-invalid")).isEqualTo(before + 1);
        assertThat(TopicReader.drain(brokers, TOPIC, withId("web:guessed-key:" + key))).isEmpty();
    }

    @Test
    void shouldAnswer400WhenTheIdempotencyKeyIsNotPrintableAscii() {
        post(IntakeIntegrationTest.PARTNER_KEY, "two words", BODY).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Idempotency-Key"));
    }

    @Test
    void shouldAllowNumisOwnPagesOnPort8082ByCors() {
        http.method(HttpMethod.OPTIONS).uri("/api/v1/requests")
                .header("Origin", "http://127.0.0.1:8082")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://127.0.0.1:8082");
    }

    @Test
    void shouldRefuseAnotherOriginByCors() {
        http.method(HttpMethod.OPTIONS).uri("/api/v1/requests")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec post(String apiKey, String idempotencyKey, String body) {
        var request = http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON);
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(body).exchange();
    }

    private static String ticketOf(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody().get("ticketId").asString();
    }
}
