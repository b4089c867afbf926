package fr.numi.intake.tracking.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.support.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.intake.limits.domain.FixedWindow;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.FakeProviders;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
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

/** What the person does with their tracking link: write on the ticket, prove the number they typed. */
@IntakeIntegrationTest
class TrackingLinkIT {

    static final String REQUESTS = "intake.request-received.v1";
    static final String VERIFIED = "intake.contact-verified.v1";
    static final Pattern CODE = Pattern.compile("code de vérification pour la demande \\S+ est (\\d{6})");

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

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
    void shouldJoinTheMessageToTheTicketOfTheTokenWithTheRequestsContact() {
        // given
        JsonNode accepted = submit(mobile(), "Mon ordinateur est très lent");
        String token = accepted.get("trackingToken").asString();

        // when
        JsonNode written = json.readTree(http.post().uri("/api/v1/tracking/{token}/messages", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "J'ai redémarré, c'est pareil")).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());

        // then: the answer names her ticket, the one she was given; a request answers exactly that ticket
        String ticketId = accepted.get("ticketId").asString();
        assertThat(written.get("ticketId").asString()).isEqualTo(ticketId);
        ConsumerRecord<String, byte[]> record = last(REQUESTS, r -> ticketId.equals(json.readTree(r.value()).path("inReplyTo").asString("")));
        assertThat(header(record, "ce_subject")).isNotEqualTo(ticketId);
        assertThat(Contracts.bodyViolations(REQUESTS, record.value())).isEmpty();
        JsonNode event = SealedRecords.open(record, customerKeys);
        assertThat(event.get("inReplyTo").asString()).isEqualTo(accepted.get("ticketId").asString());
        assertThat(event.get("text").asString()).isEqualTo("J'ai redémarré, c'est pareil");
        assertThat(event.get("contactProven").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswer404ForATokenNobodyWasGiven() {
        http.post().uri("/api/v1/tracking/{token}/messages", "A".repeat(43)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Bonjour")).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/tracking/{token}/verification", "not-a-token").exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldProveATypedNumberWithTheCodeSentToItAndTellTicketService() {
        // given: a number typed on the form
        String mobile = mobile();
        JsonNode accepted = submit(mobile, "Mon téléphone ne se connecte plus au wifi");
        String token = accepted.get("trackingToken").asString();
        String ticketId = accepted.get("ticketId").asString();

        // when: a code is asked for, a wrong one then the right one entered
        sendCode(token);
        String code = codeSentTo(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";
        http.post().uri("/api/v1/tracking/{token}/verification/check", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", wrong)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/wrong-code")
                .jsonPath("$.triesLeft").isEqualTo(4);
        http.post().uri("/api/v1/tracking/{token}/verification/check", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk();

        // then: ticket-service is told, as the contract says, and the directory keeps the number as proven
        ConsumerRecord<String, byte[]> verified = last(VERIFIED, r -> ticketId.equals(header(r, "ce_subject")));
        assertThat(Contracts.bodyViolations(VERIFIED, verified.value())).isEmpty();
        assertThat(Contracts.headerViolations(VERIFIED, TopicReader.rawHeaders(verified))).isEmpty();
        JsonNode event = SealedRecords.open(verified, customerKeys);
        assertThat(event.get("contact").get("value").asString()).isEqualTo(mobile);
        assertThat(event.get("reachableBy")).extracting(JsonNode::asString).contains("SMS");
        Document contact = mongo.findById(event.get("customerId").asString(), Document.class, "contacts").block(Duration.ofSeconds(5));
        assertThat(contact.getBoolean("proven")).isTrue();
        // and a second code is refused: the number is proven
        http.post().uri("/api/v1/tracking/{token}/verification", token).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void shouldRefuseAFourthCodeWithinTheHourAndAnyCodeAfterFiveTries() {
        // given
        String mobile = mobile();
        String token = submit(mobile, "Bonjour").get("trackingToken").asString();
        for (int i = 0; i < 3; i++) {
            sendCode(token);
        }

        // when / then
        http.post().uri("/api/v1/tracking/{token}/verification", token).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        String code = codeSentTo(mobile);
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/v1/tracking/{token}/verification/check", token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("code", code.equals("000000") ? "111111" : "000000")).exchange().expectStatus().isBadRequest();
        }
        http.post().uri("/api/v1/tracking/{token}/verification/check", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void shouldAnswer429AndSendNoCodeWhenTheNumberHadItsMessagesForTheHour() {
        // given: numi already wrote the cap of messages to this number this hour (counters shared by every instance)
        String mobile = mobile();
        String token = submit(mobile, "Bonjour").get("trackingToken").asString();
        String key = "outbound:" + Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.PHONE, mobile));
        FixedWindow hour = FixedWindow.containing(Instant.now(), Duration.ofHours(1));
        for (Instant start : List.of(hour.start(), hour.end())) {
            mongo.save(new Document("_id", key + "@" + start.toEpochMilli()).append("count", 10), "rate_limits").block(Duration.ofSeconds(5));
        }

        // when / then
        http.post().uri("/api/v1/tracking/{token}/verification", token).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/too-many-messages");
        assertThat(FakeProviders.requestsFor(mobile)).isEmpty();
    }

    private void sendCode(String token) {
        http.post().uri("/api/v1/tracking/{token}/verification", token).exchange().expectBody(String.class)
                .consumeWith(r -> assertThat(r.getStatus().value()).as("%s", r.getResponseBody()).isEqualTo(202));
    }

    private JsonNode submit(String mobile, String text) {
        return json.readTree(http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contact", Map.of("kind", "PHONE", "value", mobile), "description", text)).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
    }

    /** The last code the fake Twilio received for this number. */
    private String codeSentTo(String mobile) {
        String[] code = {null};
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<FakeProviders.Recorded> sent = FakeProviders.requestsFor(mobile);
            assertThat(sent).isNotEmpty();
            Matcher m = CODE.matcher(sent.get(sent.size() - 1).form().get("Body"));
            assertThat(m.find()).isTrue();
            code[0] = m.group(1);
        });
        return code[0];
    }

    private ConsumerRecord<String, byte[]> last(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, topic, match);
        return records.get(records.size() - 1);
    }

    static String mobile() {
        return "+33612" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
