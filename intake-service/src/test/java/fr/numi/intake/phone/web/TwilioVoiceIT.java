package fr.numi.intake.phone.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.phone.domain.TwilioSignature;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Twilio Programmable Voice callbacks through the real endpoints, signed as Twilio signs them (public URL behind a proxy). */
@IntakeIntegrationTest
class TwilioVoiceIT {

    static final String TOPIC = "intake.request-received.v1";
    static final String BASE = "/api/v1/phone/twilio/";

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
    void shouldGuideTheCallerAndPublishOneRequestWithTheTranscription() {
        // given
        String sid = callSid();

        // when
        String menu = post("voice", call(sid)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String record = post("gather", call(sid, "Digits", "2")).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        post("recording", call(sid, "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", "RecordingSid", "RE1",
                "RecordingDuration", "14")).expectStatus().isOk();
        post("status", call(sid, "CallStatus", "completed", "SequenceNumber", "3", "CallDuration", "40")).expectStatus().isOk();
        post("transcription", call(sid, "TranscriptionSid", "TR1", "TranscriptionText", "Mon imprimante ne marche plus",
                "TranscriptionStatus", "completed")).expectStatus().isOk();
        post("transcription", call(sid, "TranscriptionSid", "TR1", "TranscriptionText", "Mon imprimante ne marche plus",
                "TranscriptionStatus", "completed")).expectStatus().isOk();

        // then
        assertThat(menu).contains("<Gather input=\"dtmf speech\"").contains("language=\"fr-FR\"").contains("<Say language=\"fr-FR\">");
        assertThat(record).contains("<Record").contains("transcribeCallback=\"transcription\"");
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("twilio:" + sid));
        assertThat(records).hasSize(1);
        assertThat(Contracts.bodyViolations(TOPIC, records.get(0).value())).isEmpty();
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(event.get("channel").asString()).isEqualTo("PHONE");
        assertThat(event.get("contact").get("value").asString()).isEqualTo("+33612345678");
        assertThat(event.get("subject").asString()).isEqualTo("problème technique");
        assertThat(event.get("text").asString()).contains("Mon imprimante ne marche plus");
        assertThat(event.get("attachments").get(0).get("url").asString()).endsWith("/Recordings/RE1");
        assertThat(event.get("redButton").asBoolean()).isFalse();
    }

    @Test
    void shouldPublishAtOnceWhenTheCallerPressesNine() {
        // given
        String sid = callSid();
        post("voice", call(sid)).expectStatus().isOk();

        // when
        String answer = post("gather", call(sid, "Digits", "9")).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        // then
        assertThat(answer).contains("ne payez rien");
        JsonNode event = SealedRecords.open(last("twilio:" + sid), customerKeys);
        assertThat(event.get("redButton").asBoolean()).isTrue();
    }

    @Test
    void shouldTurnAHangUpAtTheMenuIntoOneCallBackRequestWhateverTheStatusOrder() {
        // given
        String sid = callSid();
        post("voice", call(sid)).expectStatus().isOk();

        // when: the final status overtakes an earlier one
        post("status", call(sid, "CallStatus", "completed", "SequenceNumber", "2")).expectStatus().isOk();
        post("status", call(sid, "CallStatus", "in-progress", "SequenceNumber", "1")).expectStatus().isOk();
        post("status", call(sid, "CallStatus", "completed", "SequenceNumber", "2")).expectStatus().isOk();

        // then
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("twilio:" + sid));
        assertThat(records).hasSize(1);
        assertThat(SealedRecords.open(records.get(0), customerKeys).get("text").asString()).contains("rappeler");
    }

    @Test
    void shouldPublishWithTheRecordingWhenTheTranscriptionNeverComes() {
        // given
        String sid = callSid();
        post("voice", call(sid)).expectStatus().isOk();
        post("gather", call(sid, "Digits", "1")).expectStatus().isOk();
        post("recording", call(sid, "RecordingUrl", "https://api.twilio.com/rec/RE2", "RecordingSid", "RE2")).expectStatus().isOk();

        // when
        post("status", call(sid, "CallStatus", "completed", "SequenceNumber", "4")).expectStatus().isOk();

        // then: the sweep publishes it once transcription-wait (3 s here) is over
        JsonNode event = SealedRecords.open(last("twilio:" + sid), customerKeys);
        assertThat(event.get("text").asString()).contains("pas de transcription");
        assertThat(TopicReader.drain(brokers, TOPIC, withId("twilio:" + sid))).hasSize(1);
    }

    // --- bad input ---

    @Test
    void shouldAnswer403AndPublishNothingWhenTheSignatureIsMissingOrWrong() {
        String sid = callSid();
        Map<String, String> params = call(sid, "Digits", "9");

        http.post().uri(BASE + "gather").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form(params))
                .exchange().expectStatus().isForbidden();
        http.post().uri(BASE + "gather").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form(params))
                .header("X-Twilio-Signature", sign("http://127.0.0.1:" + port + BASE + "gather", params))
                .exchange().expectStatus().isForbidden();

        assertThat(TopicReader.drain(brokers, TOPIC, withId("twilio:" + sid))).isEmpty();
    }

    @Test
    void shouldAnswer400WhenTheCallSidIsMissing() {
        post("voice", Map.of("From", "+33612345678")).expectStatus().isBadRequest();
    }

    @Test
    void shouldAnswer415WhenTheBodyIsNotAForm() {
        http.post().uri(BASE + "voice").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isEqualTo(415);
    }

    @Test
    void shouldPutACallerThroughToTheAgentsAndOpenTheTicketHeldByTheOneWhoAnswered() {
        // given
        String sid = callSid();
        post("voice", call(sid)).expectStatus().isOk().expectBody(String.class).value(menu -> assertThat(menu).contains("tapez 0"));

        // when: the caller chooses 0, alice's phone rings and she picks up
        String dial = post("gather", call(sid, "Digits", "0")).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String answeredUrl = BASE + "answered?call=" + sid + "&agent=alice";
        Map<String, String> leg = call("CA" + UUID.randomUUID().toString().replace("-", ""), "To", "+33611223344", "ParentCallSid", sid);
        http.post().uri(answeredUrl).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign(IntakeIntegrationTest.PUBLIC_BASE_URL + answeredUrl, leg))
                .bodyValue(form(leg)).exchange().expectStatus().isOk();
        post("dialed", call(sid, "DialCallStatus", "completed", "DialCallDuration", "180")).expectStatus().isOk()
                .expectBody(String.class).value(xml -> assertThat(xml).contains("<Hangup/>"));
        post("status", call(sid, "CallStatus", "completed", "SequenceNumber", "5", "CallDuration", "200")).expectStatus().isOk();

        // then: the agents' lines are rung, and one request, held by alice
        assertThat(dial).contains("<Dial").contains("<Number url=\"answered?call=" + sid + "&amp;agent=alice\">+33611223344</Number>");
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("twilio:" + sid));
        assertThat(records).hasSize(1);
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(event.get("answeredBy").asString()).isEqualTo("alice");
        assertThat(event.get("text").asString()).contains("pris par alice").doesNotContain("rappeler");
    }

    @Test
    void shouldLetTheCallerLeaveAMessageWhenNoAgentAnswers() {
        String sid = callSid();
        post("voice", call(sid)).expectStatus().isOk();
        post("gather", call(sid, "Digits", "0")).expectStatus().isOk();

        String next = post("dialed", call(sid, "DialCallStatus", "no-answer")).expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        String record = post("record", call(sid)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(next).contains("Aucun conseiller").contains("<Redirect");
        assertThat(record).contains("<Record");
    }

    // --- helpers ---

    private ConsumerRecord<String, byte[]> last(String ceId) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, TOPIC, withId(ceId));
        return records.get(records.size() - 1);
    }

    private WebTestClient.ResponseSpec post(String step, Map<String, String> params) {
        return http.post().uri(BASE + step)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign(IntakeIntegrationTest.PUBLIC_BASE_URL + BASE + step, params))
                .bodyValue(form(params))
                .exchange();
    }

    static String sign(String url, Map<String, String> params) {
        return TwilioSignature.sign(IntakeIntegrationTest.TWILIO_TOKEN, url,
                params.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> call(String sid, String... extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", sid);
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("From", "+33612345678");
        params.put("To", "+33100000000");
        params.put("CallStatus", "in-progress");
        params.put("Direction", "inbound");
        params.put("ApiVersion", "2010-04-01");
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return params;
    }

    static String callSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
