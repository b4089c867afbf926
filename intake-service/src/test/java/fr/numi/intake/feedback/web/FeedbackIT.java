package fr.numi.intake.feedback.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.whatsapp.domain.HubSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ratings: the web form (ticket reference + tracking token) and the survey's WhatsApp buttons. */
@IntakeIntegrationTest
class FeedbackIT {

    static final String TOPIC = "intake.feedback-received.v1";

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
    void shouldPublishOneRatingPerTicketAndRefuseADifferentSecondOne() {
        // given
        JsonNode ticket = submit();
        String ticketId = ticket.get("ticketId").asString();
        String rating = feedback(ticketId, ticket.get("trackingToken").asString(), 5, "Très patient, merci !");

        // when
        rate(rating).expectStatus().isAccepted();
        rate(rating).expectStatus().isAccepted();
        rate(feedback(ticketId, ticket.get("trackingToken").asString(), 2, null)).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        // then
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, withId("web-feedback-" + ticketId));
        assertThat(records).hasSize(1);
        assertThat(Contracts.headerViolations(TOPIC, TopicReader.rawHeaders(records.get(0)))).isEmpty();
        assertThat(Contracts.bodyViolations(TOPIC, records.get(0).value())).isEmpty();
        JsonNode event = SealedRecords.open(records.get(0), customerKeys);
        assertThat(records.get(0).key()).isEqualTo(ticketId);
        assertThat(event.get("rating").asInt()).isEqualTo(5);
        assertThat(event.get("channel").asString()).isEqualTo("WEB");
        assertThat(event.get("comment").asString()).isEqualTo("Très patient, merci !");
    }

    @Test
    void shouldAnswerTheSame404ForAWrongTokenAndAnUnknownTicket() {
        // given
        JsonNode ticket = submit();
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "feedback", "reason", "unknown-ticket");

        // when / then
        String wrongToken = rate(feedback(ticket.get("ticketId").asString(), "A".repeat(43), 4, null)).expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        String unknownTicket = rate(feedback("NUMI-ZZZZ-ZZZZ", ticket.get("trackingToken").asString(), 4, null)).expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(wrongToken.replace("NUMI-ZZZZ-ZZZZ", "")).isEqualTo(unknownTicket.replace("NUMI-ZZZZ-ZZZZ", ""));
        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "feedback", "reason", "unknown-ticket")).isEqualTo(before + 2);
        assertThat(TopicReader.drain(brokers, TOPIC, withId("web-feedback-" + ticket.get("ticketId").asString()))).isEmpty();
    }

    @Test
    void shouldAnswer400NamingTheRatingWhenItIsOutOfScale() {
        rate(feedback("NUMI-ZZZZ-ZZZZ", "A".repeat(43), 6, null)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rating");
    }

    @Test
    void shouldTurnASurveyButtonPressedOnWhatsAppIntoARatingNotARequest() {
        // given: the person wrote on WhatsApp, which opened ticket T
        String from = "3367" + String.format("%07d", (int) (Math.random() * 10_000_000));
        String first = "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");
        postWebhook(message(from, first, "\"type\":\"text\",\"text\":{\"body\":\"Mon imprimante ne marche plus\"}"));
        List<ConsumerRecord<String, byte[]>> requests = TopicReader.readAll(brokers, "intake.request-received.v1", withId("wa:" + first));
        String ticketId = SealedRecords.open(requests.get(requests.size() - 1), customerKeys).get("ticketId").asString();
        String answer = "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");

        // when: the survey's list row "4" comes back (twice: Meta redelivers)
        String reply = message(from, answer, "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":"
                + "{\"id\":\"SURVEY:" + ticketId + ":4\",\"title\":\"4 — Satisfait\"}}");
        postWebhook(reply);
        postWebhook(reply);

        // then
        List<ConsumerRecord<String, byte[]>> ratings = TopicReader.drain(brokers, TOPIC, withId("wa-feedback-" + ticketId));
        assertThat(ratings).hasSize(1);
        assertThat(Contracts.bodyViolations(TOPIC, ratings.get(0).value())).isEmpty();
        assertThat(SealedRecords.open(ratings.get(0), customerKeys).get("rating").asInt()).isEqualTo(4);
        assertThat(SealedRecords.open(ratings.get(0), customerKeys).get("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(TopicReader.drain(brokers, "intake.request-received.v1", withId("wa:" + answer))).isEmpty();
    }

    private JsonNode submit() {
        return http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"avis-" + UUID.randomUUID() + "@example.org\"},\"description\":\"Mon écran reste noir.\"}")
                .exchange().expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String feedback(String ticketId, String token, int rating, String comment) {
        return "{\"ticketId\":\"" + ticketId + "\",\"trackingToken\":\"" + token + "\",\"rating\":" + rating
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
    }

    private WebTestClient.ResponseSpec rate(String body) {
        return http.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private void postWebhook(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        http.post().uri("/api/v1/whatsapp/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign(IntakeIntegrationTest.WHATSAPP_SECRET, raw))
                .bodyValue(raw).exchange().expectStatus().isOk();
    }

    private static String message(String from, String wamid, String content) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Odile\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764150000\"," + content + "}]}}]}]}";
    }
}
