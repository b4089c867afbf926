package fr.numi.intake.request.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web channel over real Kafka. Run on the embedded broker ({@link WebRequestIT}) and, where
 * Docker exists, on Testcontainers' Kafka ({@link WebRequestContainersIT}).
 */
abstract class WebRequestScenarios {

    static final String TOPIC = "intake.request-received.v1";

    @LocalServerPort
    int port;

    abstract String brokers();

    WebTestClient http;
    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    @BeforeEach
    void client() {
        // Bounded timeout: reactor-netty #4361 can stall a keep-alive connection after an error response.
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldPublishTheRequestAndAnswer202WithReferenceAndTrackingToken() {
        // given
        String body = """
                {"name":"Jeanne Martin","contact":{"kind":"PHONE","value":"06 12 34 56 78"},
                 "subject":"Imprimante","description":"Mon imprimante n'imprime plus, le voyant clignote."}""";

        // when
        JsonNode accepted = json.readTree(http.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().exists("Location")
                .expectBody().returnResult().getResponseBody());

        // then
        String ticketId = accepted.get("ticketId").asString();
        String token = accepted.get("trackingToken").asString();
        assertThat(ticketId).matches("NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(token).hasSize(43);
        assertThat(accepted.get("trackingUrl").asString()).endsWith("/api/v1/tracking/" + token);
        // an ordinary request: no alarming instructions
        assertThat(accepted.has("firstInstructions")).isFalse();

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers(), TOPIC, r -> ticketId.equals(header(r, "ce_subject")));
        ConsumerRecord<String, byte[]> record = records.get(records.size() - 1);
        assertThat(Contracts.headerViolations(TOPIC, rawHeaders(record))).isEmpty();
        assertThat(Contracts.bodyViolations(TOPIC, record.value())).isEmpty();

        JsonNode event = SealedRecords.open(record, customerKeys);
        assertThat(record.key()).isEqualTo(event.get("customerId").asString());
        assertThat(header(record, "ce_id")).isEqualTo(event.get("requestId").asString());
        assertThat(event.get("trackingTokenHash").asString()).isEqualTo(Digests.sha256Hex(token));
        assertThat(event.get("contact").get("value").asString()).isEqualTo("+33612345678");
        assertThat(event.get("channel").asString()).isEqualTo("WEB");
        assertThat(event.get("redButton").asBoolean()).isFalse();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(token);
        // a number typed on the form is not proven: no SMS until the person proves it, the tracking page meanwhile
        assertThat(event.get("contactProven").asBoolean()).isFalse();
        assertThat(event.get("reachableBy")).extracting(JsonNode::asString).containsExactly("TRACKING_PAGE");
        assertThat(event.get("name").asString()).isEqualTo("Jeanne Martin");
        assertThat(event.get("text").asString()).isEqualTo("Mon imprimante n'imprime plus, le voyant clignote.");
    }

    @Test
    void shouldOfferEMailAndTheTrackingPageToAPersonWhoGaveAnAddress() {
        String ticketId = submit("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"marie@example.org\"},\"description\":\"Mon wifi ne marche plus\"}");

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers(), TOPIC, r -> ticketId.equals(header(r, "ce_subject")));
        JsonNode event = SealedRecords.open(records.get(records.size() - 1), customerKeys);

        assertThat(event.get("reachableBy")).extracting(JsonNode::asString).containsExactly("EMAIL", "TRACKING_PAGE");
    }

    @Test
    void shouldGiveTheSameCustomerIdToTheSameContactWrittenDifferently() {
        String first = submit("{\"contact\":{\"kind\":\"PHONE\",\"value\":\"+33 6 11 22 33 44\"},\"description\":\"Bonjour\"}");
        String second = submit("{\"contact\":{\"kind\":\"WHATSAPP\",\"value\":\"0611223344\"},\"description\":\"Re-bonjour\"}");

        String firstCustomer = customerOf(first);
        String secondCustomer = customerOf(second);

        assertThat(firstCustomer).isEqualTo(secondCustomer).startsWith("cus_");
    }

    @Test
    void shouldCarryTheRedButtonFlag() {
        String ticketId = submit("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"Paul@Example.org\"},\"description\":\"On me demande de payer\",\"redButton\":true}");

        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers(), TOPIC, r -> ticketId.equals(header(r, "ce_subject")));
        JsonNode event = SealedRecords.open(records.get(records.size() - 1), customerKeys);

        assertThat(event.get("redButton").asBoolean()).isTrue();
        assertThat(event.get("contact").get("value").asString()).isEqualTo("paul@example.org");

        // and it also went on the red button's own lane, as the contract says
        List<ConsumerRecord<String, byte[]>> lane = TopicReader.readAll(brokers(), "intake.red-button-pressed.v1",
                r -> ticketId.equals(header(r, "ce_subject")));
        ConsumerRecord<String, byte[]> pressed = lane.get(lane.size() - 1);
        assertThat(Contracts.headerViolations("intake.red-button-pressed.v1", rawHeaders(pressed))).isEmpty();
        assertThat(Contracts.bodyViolations("intake.red-button-pressed.v1", pressed.value())).isEmpty();
    }

    @Test
    void shouldAnswerARedButtonWithTheFirstInstructionsThatHoldWhateverHappened() throws Exception {
        // given the level-3 playbook urgency-service sends, read here as a person's page would show it
        JsonNode playbook;
        try (var in = getClass().getResourceAsStream("/fr/numi/contracts/urgency/instructions-fr.json")) {
            playbook = json.readTree(in);
        }
        JsonNode whateverHappened = playbook.get("incidents").get("OTHER");

        // when the red button is pressed on the form, with nothing written
        JsonNode accepted = json.readTree(http.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contact\":{\"kind\":\"PHONE\",\"value\":\"06 98 76 54 32\"},\"description\":\"URGENCE\",\"redButton\":true}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().returnResult().getResponseBody());

        // then the 202 itself says what to do now, and names the ticket to quote
        String ticketId = accepted.get("ticketId").asString();
        JsonNode instructions = accepted.get("firstInstructions");
        assertThat(instructions.get("title").asString()).isEqualTo(whateverHappened.get("title").asString());
        assertThat(instructions.get("lines")).extracting(JsonNode::asString)
                .containsExactlyElementsOf(whateverHappened.get("lines").valueStream().map(JsonNode::asString).toList());
        assertThat(instructions.get("version").asString()).isEqualTo(playbook.get("version").asString());
        assertThat(accepted.get("message").asString()).contains(ticketId).startsWith("Votre alerte est bien reçue.");
    }

    // --- bad input (not @Nested: a nested class would not inherit the concrete subclass's context) ---

    @Test
    void shouldAnswer400ProblemWhenTheJsonIsMalformed() {
        problem("{\"contact\": {", HttpStatus.BAD_REQUEST)
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/malformed-request");
    }

    @Test
    void shouldName400FieldWhenTheContactIsMissing() {
        problem("{\"description\":\"Bonjour\"}", HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("contact");
    }

    @Test
    void shouldName400FieldWhenTheDescriptionIsBlank() {
        problem("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@b.fr\"},\"description\":\"   \"}", HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("description");
    }

    @Test
    void shouldName400FieldWhenTheEmailIsInvalid() {
        problem("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"pas-un-mail\"},\"description\":\"Bonjour\"}", HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("contact.value");
    }

    @Test
    void shouldName400FieldWhenTheContactKindIsUnknown() {
        problem("{\"contact\":{\"kind\":\"PIGEON\",\"value\":\"x\"},\"description\":\"Bonjour\"}", HttpStatus.BAD_REQUEST)
                .jsonPath("$.errors[0].field").isEqualTo("contact.kind");
    }

    @Test
    void shouldAnswer413WhenTheBodyIsOver64KiB() {
        String big = "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@b.fr\"},\"description\":\"" + "x".repeat(70_000) + "\"}";
        problem(big, HttpStatus.CONTENT_TOO_LARGE)
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/payload-too-large");
    }

    private WebTestClient.BodyContentSpec problem(String body, HttpStatus status) {
        return http.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").isNotEmpty();
    }

    private String submit(String body) {
        JsonNode accepted = json.readTree(http.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().returnResult().getResponseBody());
        return accepted.get("ticketId").asString();
    }

    private String customerOf(String ticketId) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers(), TOPIC, r -> ticketId.equals(header(r, "ce_subject")));
        return records.get(records.size() - 1).key();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> rawHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
