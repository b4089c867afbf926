package fr.numi.intake.phone.web;

import fr.numi.contracts.privacy.UnstoredKey;
import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.phone.web.TwilioVoiceIT.callSid;
import static fr.numi.intake.phone.web.TwilioVoiceIT.form;
import static fr.numi.intake.phone.web.TwilioVoiceIT.sign;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.MongoWireServer;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.whatsapp.domain.HubSignature;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MongoDB down under intake's doors (issue 16, item 4), cut for real (the proxy in front of the Mongo-wire server: the
 * driver's connections reset, new ones reset). A caller is on the line and Twilio does not call a voice webhook
 * again: every step still answers valid TwiML, and the red button is on Kafka (its own topic and the intake topic)
 * although nothing could be written in MongoDB. The web form and WhatsApp, whose gateways send again, are told 503 with
 * Retry-After; a WhatsApp red button is published all the same. Once MongoDB is back, a call is logged again.
 */
@IntakeIntegrationTest
class DatabaseOutageIT {

    static final String RECEIVED = "intake.request-received.v1";
    static final String RED_BUTTON = "intake.red-button-pressed.v1";
    static final String BASE = "/api/v1/phone/twilio/";
    /** Twilio gives up on a webhook after 15 s; the caller should not wait anywhere near that. */
    static final Duration TWILIO_BOUND = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    CircuitBreaker mongoBreaker;

    WebTestClient http;
    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    /**
     * A caller this test alone uses: their key is made while the store is away, not one an earlier test stored and this
     * instance keeps for a minute (the record would be sealed with it, then opened once it is forgotten, store away).
     */
    String caller;

    @BeforeEach
    void cutMongoDb() {
        caller = "+336" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        MongoWireServer.outage().cut();
    }

    @AfterEach
    void mongoDbBack() {
        MongoWireServer.outage().restore();
        // the next tests find the breaker closed: it lets a few calls try after its open time
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get().uri("/readyz").exchange().returnResult(String.class).getStatus().is2xxSuccessful()
                        && mongoBreaker.getState() == CircuitBreaker.State.CLOSED);
    }

    @Nested
    class Twilio {

        @Test
        void shouldReadTheMenuThenPublishTheRedButtonAndAnswerTwimlWhileMongoDbIsDown() {
            // given: MongoDB down, a call comes in
            String sid = callSid();
            String menu = twiml("voice", call(sid));
            assertThat(menu).contains("<Gather").contains("tapez 9");

            // when: the caller presses 9
            String answer = twiml("gather", call(sid, "Digits", "9"));

            // then: the first instructions, in valid TwiML
            assertThat(answer).contains("<Say language=\"fr-FR\">").contains("ne payez rien");
            // and the press is on Kafka, on the red button's own topic and on the intake topic, in its schema
            ConsumerRecord<String, byte[]> pressed = matching(RED_BUTTON, "twilio:" + sid + ":red-button");
            ConsumerRecord<String, byte[]> received = matching(RECEIVED, "twilio:" + sid);
            assertThat(Contracts.bodyViolations(RECEIVED, received.value())).isEmpty();
            assertThat(new String(pressed.value(), StandardCharsets.UTF_8)).as("sealed, with a key made while the store is away")
                    .doesNotContain(caller.substring(3));
            assertThat(pressed.headers().lastHeader(UnstoredKey.HEADER))
                    .as("the record carries the key the store does not have yet: it opens even if this instance dies now").isNotNull();
            JsonNode event = SealedRecords.open(pressed, customerKeys);
            assertThat(event.get("redButton").asBoolean()).isTrue();
            assertThat(event.get("channel").asString()).isEqualTo("PHONE");
            assertThat(event.get("contact").get("value").asString()).isEqualTo(caller);
            assertThat(event.get("ticketId").asString()).isEqualTo(SealedRecords.open(received, customerKeys).get("ticketId").asString());
            assertThat(MongoWireServer.outage().isCut()).isTrue();

            // and the rest of the call still answers: the message after the instructions, the end of the call
            assertThat(twiml("recording", call(sid, "RecordingUrl", "https://api.twilio.com/rec/RE9", "RecordingSid", "RE9")))
                    .contains("<Hangup/>");
            assertThat(twiml("status", call(sid, "CallStatus", "completed", "SequenceNumber", "5"))).contains("<Response>");
        }

        @Test
        void shouldPublishAnyOtherChoiceAsACallBackRequestAndTellTheCallerWhileMongoDbIsDown() {
            // given
            String sid = callSid();
            twiml("voice", call(sid));

            // when: the caller chooses a technical problem, which would be a recorded message
            String answer = twiml("gather", call(sid, "Digits", "2"));

            // then: told they will be called back, and the call is a request that says so
            assertThat(answer).contains("vous rappelle").contains("<Hangup/>");
            JsonNode event = SealedRecords.open(matching(RECEIVED, "twilio:" + sid), customerKeys);
            assertThat(event.get("redButton").asBoolean()).isFalse();
            assertThat(event.get("subject").asString()).isEqualTo("problème technique");
            assertThat(event.get("text").asString()).contains("rappeler");
        }

        @Test
        void shouldPublishAnSmsWhileMongoDbIsDown() {
            // given
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            Map<String, String> params = TwilioSmsIT.sms(sid, caller, "Bonjour, mon ordinateur est bloqué");

            // when
            long start = System.nanoTime();
            String answer = http.post().uri(TwilioSmsIT.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header("X-Twilio-Signature", sign(IntakeIntegrationTest.PUBLIC_BASE_URL + TwilioSmsIT.PATH, params))
                    .bodyValue(form(params))
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();

            // then: empty TwiML (Twilio would not send it again), and the message is a request on Kafka
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TWILIO_BOUND);
            assertThat(answer).contains("<Response>");
            JsonNode event = SealedRecords.open(matching(RECEIVED, "sms:" + sid), customerKeys);
            assertThat(event.get("text").asString()).isEqualTo("Bonjour, mon ordinateur est bloqué");
        }

        @Test
        void shouldTellAHiddenNumberToCallAgainWhileMongoDbIsDown() {
            String sid = callSid();
            Map<String, String> anonymous = call(sid, "Digits", "1");
            anonymous.put("From", "anonymous");

            assertThat(twiml("gather", anonymous)).contains("rappeler dans quelques minutes");
        }
    }

    @Nested
    class GatewaysThatSendAgain {

        @Test
        void shouldAnswerTheWebForm503WithRetryAfter() {
            http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@b.fr\"},\"description\":\"Mon imprimante ne marche plus\"}")
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "30")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/temporarily-unavailable");
        }

        @Test
        void shouldAnswerWhatsApp503SoThatMetaSendsItAgainButPublishARedButtonAtOnce() {
            // given
            String from = caller.substring(1);
            String plain = wamid(), urgent = wamid();

            // when: an ordinary message
            whatsApp(from, message(plain, from, "Bonjour, ma box ne marche plus"))
                    // then: 503 with Retry-After, and nothing published
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "30");
            assertThat(TopicReader.drain(brokers, RECEIVED, withId("wa:" + plain))).isEmpty();

            // when: the red button's keyword
            whatsApp(from, message(urgent, from, "URGENCE on me demande de payer"))
                    // then: 200, and on Kafka
                    .expectStatus().isOk();
            JsonNode event = SealedRecords.open(matching(RED_BUTTON, "wa:" + urgent + ":red-button"), customerKeys);
            assertThat(event.get("redButton").asBoolean()).isTrue();
        }
    }

    /** A Twilio voice callback from this test's caller. */
    Map<String, String> call(String sid, String... extra) {
        Map<String, String> params = TwilioVoiceIT.call(sid, extra);
        params.put("From", caller);
        return params;
    }

    /** A signed Twilio callback answered 200 with well-formed TwiML within the bound; the TwiML. */
    String twiml(String step, Map<String, String> params) {
        long start = System.nanoTime();
        String body = http.post().uri(BASE + step)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign(IntakeIntegrationTest.PUBLIC_BASE_URL + BASE + step, params))
                .bodyValue(form(params))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(step).isLessThan(TWILIO_BOUND);
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(document.getDocumentElement().getNodeName()).isEqualTo("Response");
        } catch (Exception e) {
            throw new AssertionError("not TwiML: " + body, e);
        }
        return body;
    }

    /** The record with this ce_id (read until it comes, 20 s at most). */
    ConsumerRecord<String, byte[]> matching(String topic, String ceId) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, topic, withId(ceId));
        return records.get(records.size() - 1);
    }

    WebTestClient.ResponseSpec whatsApp(String from, String message) {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Lea\"},\"wa_id\":\"" + from + "\"}],\"messages\":[" + message + "]}}]}]}";
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return http.post().uri("/api/v1/whatsapp/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign(IntakeIntegrationTest.WHATSAPP_SECRET, raw))
                .bodyValue(raw)
                .exchange();
    }

    static String message(String wamid, String from, String text) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764150000\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}";
    }

    static String wamid() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void shouldLogCallsAgainOnceMongoDbIsBack() {
        // given: MongoDB back
        MongoWireServer.outage().restore();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get().uri("/readyz").exchange().returnResult(String.class).getStatus().is2xxSuccessful());

        // when: a call goes through the menu to a message, as usual
        String sid = callSid();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(twiml("voice", call(sid))).contains("<Gather"));
        String record = twiml("gather", call(sid, "Digits", "2"));

        // then: the caller leaves a message (the call log answers again), nothing published yet
        assertThat(record).contains("<Record");
        assertThat(TopicReader.drain(brokers, RECEIVED, withId("twilio:" + sid))).isEmpty();
        // and the red button still goes through on a call logged as usual
        String urgent = callSid();
        twiml("voice", call(urgent));
        assertThat(twiml("gather", call(urgent, "Digits", "9"))).contains("ne payez rien");
        assertThat(SealedRecords.open(matching(RED_BUTTON, "twilio:" + urgent + ":red-button"), customerKeys).get("redButton").asBoolean()).isTrue();
    }
}
