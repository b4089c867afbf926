package fr.numi.intake.attachment.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.intake.support.FakeProviders;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.whatsapp.domain.HubSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What people send besides words: fetched from the provider (a local fake of the Graph API media
 * endpoints) with the service's token, kept, and served to agents; refused and failed ones say why.
 */
@IntakeIntegrationTest
class AttachmentsIT {

    static final String TOPIC = "intake.request-received.v1";
    static final String AGENT = TestTokens.agent("jedi", "AGENT_L2");

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
    void shouldKeepAPhotoAndAVoiceNoteAndServeThemToAnAgent() {
        // given: the Graph API holds a photo and a voice note
        byte[] photo = "fake-jpeg-bytes-of-a-scam-sms".getBytes(StandardCharsets.UTF_8);
        byte[] voice = "fake-ogg-opus-voice-note".getBytes(StandardCharsets.UTF_8);
        String photoId = "media" + UUID.randomUUID().toString().replace("-", "");
        String voiceId = "media" + UUID.randomUUID().toString().replace("-", "");
        FakeProviders.media(photoId, "image/jpeg", photo);
        FakeProviders.media(voiceId, "audio/ogg; codecs=opus", voice);

        // when: a person sends both on WhatsApp
        String photoAtt = attachmentIdOf(send(media("image", photoId, "image/jpeg", ",\"caption\":\"Regardez ce SMS\"")));
        String voiceAtt = attachmentIdOf(send(media("audio", voiceId, "audio/ogg; codecs=opus", ",\"voice\":true")));

        // then: an agent gets them, as sent, and served so a browser cannot run them
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/attachments/{id}", photoAtt)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isOk());
        byte[] served = http.get().uri("/api/v1/attachments/{id}", photoAtt).headers(h -> h.setBearerAuth(AGENT)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("image/jpeg")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueMatches("Content-Security-Policy", ".*sandbox.*")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(photo);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get().uri("/api/v1/attachments/{id}", voiceAtt)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isOk().expectHeader().contentType("audio/ogg")
                .expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(voice));
        // and the provider was asked with the service's token
        assertThat(FakeProviders.requestsFor(photoId)).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer "
                + FakeProviders.ACCESS_TOKEN));
    }

    @Test
    void shouldRefuseAMediaOverTheSizeLimitOrOfAnotherTypeAndSayWhy() {
        // given
        String big = "media" + UUID.randomUUID().toString().replace("-", "");
        String exe = "media" + UUID.randomUUID().toString().replace("-", "");
        FakeProviders.mediaDeclaredAs(big, "video/mp4", 200L * 1024 * 1024);
        FakeProviders.media(exe, "application/x-msdownload", "MZ".getBytes(StandardCharsets.UTF_8));

        // when
        String bigAtt = attachmentIdOf(send(media("video", big, "video/mp4", "")));
        String exeAtt = attachmentIdOf(send(media("document", exe, "application/x-msdownload", ",\"filename\":\"facture.exe\"")));

        // then: refused, with the reason, for the agent to see
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/attachments/{id}", bigAtt)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.status").isEqualTo("REFUSED").jsonPath("$.reason").value(r -> assertThat((String) r).contains("volumineux")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/attachments/{id}", exeAtt)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.status").isEqualTo("REFUSED").jsonPath("$.reason").value(r -> assertThat((String) r).contains("type refusé")));
        // the big one was never downloaded
        assertThat(FakeProviders.requestsFor(big)).noneMatch(r -> r.path().startsWith("/media/"));
    }

    @Test
    void shouldRetryAFetchTheProviderFailedAndKeepItThen() {
        // given: the Graph API fails once
        String flaky = "media" + UUID.randomUUID().toString().replace("-", "");
        FakeProviders.media(flaky, "image/png", "png".getBytes(StandardCharsets.UTF_8));
        FakeProviders.scriptMedia(flaky, 503);

        // when
        String att = attachmentIdOf(send(media("image", flaky, "image/png", "")));

        // then: visible as retrying, with when
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/attachments/{id}", att)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.status").isEqualTo("RETRYING").jsonPath("$.nextAttemptAt").exists());
        // and once the retry comes (brought forward here), kept
        mongo.updateFirst(Query.query(Criteria.where("_id").is(att)), new Update().set("nextAttemptAt", new Date()), "attachments")
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/v1/attachments/{id}", att)
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isOk());
        Document job = mongo.findById(att, Document.class, "attachments").block(Duration.ofSeconds(5));
        assertThat(job.getInteger("attempts")).isEqualTo(2);
    }

    @Test
    void shouldServeAttachmentsToAgentsOnly() {
        http.get().uri("/api/v1/attachments/{id}", "att_0123456789abcdef0123456789abcdef").header("Connection", "close").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/v1/attachments/{id}", "att_0123456789abcdef0123456789abcdef").header("Connection", "close")
                .headers(h -> h.setBearerAuth(AGENT)).exchange().expectStatus().isNotFound();
    }

    // --- helpers ---

    private String media(String type, String mediaId, String mime, String extra) {
        return "{\"from\":\"33612" + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000))
                + "\",\"id\":\"wamid." + UUID.randomUUID() + "\",\"timestamp\":\"1764150000\",\"type\":\"" + type + "\",\"" + type
                + "\":{\"id\":\"" + mediaId + "\",\"mime_type\":\"" + mime + "\",\"sha256\":\"x\"" + extra + "}}";
    }

    /** Posts one message as Meta does (signed); returns its wamid. */
    private String send(String message) {
        String wamid = message.replaceAll(".*\"id\":\"(wamid\\.[^\"]+)\".*", "$1");
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Jeanne\"}}],\"messages\":[" + message + "]}}]}]}";
        http.post().uri("/api/v1/whatsapp/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign(IntakeIntegrationTest.WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body).exchange().expectStatus().isOk();
        return wamid;
    }

    private String attachmentIdOf(String wamid) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, TOPIC, withId("wa:" + wamid));
        JsonNode event = SealedRecords.open(records.get(records.size() - 1), customerKeys);
        String id = event.get("attachments").get(0).get("attachmentId").asString();
        assertThat(id).matches("att_[0-9a-f]{32}");
        return id;
    }
}
