package fr.numi.intake.phone.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.support.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SMS to the hotline's number through Twilio's Messaging webhook, signed as Twilio signs it. */
@IntakeIntegrationTest
class TwilioSmsIT {

    static final String REQUESTS = "intake.request-received.v1";
    static final String RATINGS = "intake.feedback-received.v1";
    static final String PATH = "/api/v1/phone/twilio/sms";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

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
    void shouldTurnAnSmsIntoAProvenMessageAnswerableBySms() {
        // given
        String sid = messageSid();
        String mobile = mobile();

        // when
        String twiml = post(sms(sid, mobile, "Bonjour, ma box internet ne marche plus depuis ce matin")).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        // then: no automatic reply, one request, the sender proven by Twilio
        assertThat(twiml).contains("<Response").doesNotContain("<Message");
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, REQUESTS, withId("sms:" + sid));
        assertThat(records).hasSize(1);
        assertThat(Contracts.bodyViolations(REQUESTS, records.get(0).value())).isEmpty();
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(event.get("channel").asString()).isEqualTo("PHONE");
        assertThat(event.get("contact").get("value").asString()).isEqualTo(mobile);
        assertThat(event.get("contactProven").asBoolean()).isTrue();
        assertThat(event.get("reachableBy")).extracting(JsonNode::asString).containsExactly("SMS");
        assertThat(event.get("text").asString()).isEqualTo("Bonjour, ma box internet ne marche plus depuis ce matin");
    }

    @Test
    void shouldRefuseAnUnsignedSms() {
        Map<String, String> params = sms(messageSid(), mobile(), "Bonjour");
        http.post().uri(PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED).header("X-Twilio-Signature", "bm9wZQ==")
                .bodyValue(TwilioVoiceIT.form(params)).exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldTakeARatingTextedBackAfterASurveyWithItsComment() {
        // given: a request from this number, then the survey feedback-service asked for, delivered by SMS
        String mobile = mobile();
        String first = messageSid();
        post(sms(first, mobile, "Mon imprimante est bloquée")).expectStatus().isOk();
        String ticketId = DerivedIds.ticketId(IntakeIntegrationTest.CUSTOMER_SECRET, "sms:" + first);
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.PHONE, mobile));
        String surveyId = "survey-" + ticketId;
        TopicWriter.send(brokers, "feedback.survey-requested.v1", ticketId, surveyId, "/numi/feedback-service",
                "fr.numi.feedback.survey-requested.v1", ("{\"surveyId\":\"" + surveyId + "\",\"ticketId\":\"" + ticketId + "\",\"customerId\":\""
                        + customerId + "\",\"channel\":\"PHONE\",\"level\":1,\"requestedAt\":\"" + Instant.now() + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> !TopicReader.drain(brokers, "intake.delivery-status.v1",
                r -> surveyId.equals(TopicReader.header(r, "ce_subject")) || new String(r.value(), StandardCharsets.UTF_8).contains(surveyId)).isEmpty());

        // when: the person texts back a note and a few words
        String answer = messageSid();
        post(sms(answer, mobile, "4 très bien, merci à Alice")).expectStatus().isOk();

        // then: a rating with its comment, not a new message
        List<ConsumerRecord<String, byte[]>> ratings = TopicReader.readAll(brokers, RATINGS,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(ticketId));
        JsonNode rating = SealedRecords.open(ratings.get(ratings.size() - 1), customerKeys);
        assertThat(Contracts.bodyViolations(RATINGS, ratings.get(ratings.size() - 1).value())).isEmpty();
        assertThat(rating.get("rating").asInt()).isEqualTo(4);
        assertThat(rating.get("comment").asString()).isEqualTo("très bien, merci à Alice");
        assertThat(rating.get("channel").asString()).isEqualTo("PHONE");
        assertThat(TopicReader.drain(brokers, REQUESTS, withId("sms:" + answer))).isEmpty();
    }

    private WebTestClient.ResponseSpec post(Map<String, String> params) {
        return http.post().uri(PATH)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", TwilioVoiceIT.sign(IntakeIntegrationTest.PUBLIC_BASE_URL + PATH, params))
                .bodyValue(TwilioVoiceIT.form(params))
                .exchange();
    }

    static Map<String, String> sms(String sid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("From", from);
        params.put("To", "+33100000000");
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    static String messageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    static String mobile() {
        return "+33612" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
