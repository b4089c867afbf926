package fr.numi.intake.whatsapp.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.support.TopicReader.header;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.whatsapp.domain.HubSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Meta's Cloud API webhook through the real endpoint, on the embedded broker and Mongo-wire server. */
@IntakeIntegrationTest
class WhatsAppWebhookIT {

    static final String TOPIC = "intake.request-received.v1";
    static final String PATH = "/api/v1/whatsapp/webhook";

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
    void shouldEchoTheChallengeWhenTheVerifyTokenMatches() {
        http.get().uri(PATH + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("1158201444");
    }

    @Test
    void shouldAnswer403WhenTheVerifyTokenIsWrong() {
        http.get().uri(PATH + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void shouldPublishATextMessageAsARequestKeyedOnTheNormalisedPhone() {
        // given
        String wamid = wamid();
        String body = notification(value("33612345678", "Jeanne", message(wamid, "33612345678", "text", "\"text\":{\"body\":\"Mon ordinateur ne démarre plus\"}")));

        // when
        post(body).expectStatus().isOk();

        // then
        ConsumerRecord<String, byte[]> record = single("wa:" + wamid);
        assertThat(Contracts.headerViolations(TOPIC, TopicReader.rawHeaders(record))).isEmpty();
        assertThat(Contracts.bodyViolations(TOPIC, record.value())).isEmpty();
        JsonNode event = SealedRecords.open(record, customerKeys);
        String samePersonOnThePhone = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.PHONE, "06 12 34 56 78"));
        assertThat(record.key()).isEqualTo(samePersonOnThePhone);
        assertThat(event.get("customerId").asString()).isEqualTo(samePersonOnThePhone);
        assertThat(event.get("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(event.get("contact").get("kind").asString()).isEqualTo("WHATSAPP");
        assertThat(event.get("contact").get("value").asString()).isEqualTo("+33612345678");
        assertThat(event.get("name").asString()).isEqualTo("Jeanne");
        assertThat(event.get("text").asString()).isEqualTo("Mon ordinateur ne démarre plus");
        assertThat(event.get("redButton").asBoolean()).isFalse();
        assertThat(header(record, "ce_subject")).isEqualTo(event.get("ticketId").asString());
    }

    @Test
    void shouldPublishOnceWhenMetaDeliversTheSameWamidTwice() {
        // given
        String wamid = wamid();
        String body = notification(value("33611111111", "Paul", message(wamid, "33611111111", "text", "\"text\":{\"body\":\"Bonjour\"}")));
        double before = metrics.count("numi.intake.gateway.duplicates", "channel", "whatsapp");

        // when
        post(body).expectStatus().isOk();
        post(body).expectStatus().isOk();

        // then
        assertThat(TopicReader.drain(brokers, TOPIC, withId("wa:" + wamid))).hasSize(1);
        assertThat(metrics.count("numi.intake.gateway.duplicates", "channel", "whatsapp")).isEqualTo(before + 1);
    }

    @Test
    void shouldReadEveryMessageOfSeveralEntriesAndChangesInOrder() {
        // given
        String text = wamid(), image = wamid(), voice = wamid(), document = wamid(), video = wamid(), sticker = wamid();
        String location = wamid(), contacts = wamid(), reaction = wamid(), button = wamid(), list = wamid(), unsupported = wamid();
        String system = wamid(), unknown = wamid();
        String from = "33622222222";
        String firstEntry = "{\"id\":\"WABA1\",\"changes\":[{\"field\":\"messages\",\"value\":" + value(from, "Lise",
                message(text, from, "text", "\"text\":{\"body\":\"Bonjour\"}"),
                message(image, from, "image", "\"image\":{\"id\":\"MEDIA-IMG\",\"mime_type\":\"image/jpeg\",\"sha256\":\"abc\",\"caption\":\"le message bizarre\"}"),
                message(voice, from, "audio", "\"audio\":{\"id\":\"MEDIA-OGG\",\"mime_type\":\"audio/ogg; codecs=opus\",\"sha256\":\"def\",\"voice\":true}"))
                + "},{\"field\":\"messages\",\"value\":" + value(from, "Lise",
                message(document, from, "document", "\"document\":{\"id\":\"MEDIA-PDF\",\"mime_type\":\"application/pdf\",\"sha256\":\"ghi\",\"filename\":\"facture.pdf\"}"),
                message(video, from, "video", "\"video\":{\"id\":\"MEDIA-MP4\",\"mime_type\":\"video/mp4\",\"sha256\":\"jkl\"}"),
                message(sticker, from, "sticker", "\"sticker\":{\"id\":\"MEDIA-WEBP\",\"mime_type\":\"image/webp\",\"sha256\":\"mno\"}"))
                + "}]}";
        String secondEntry = "{\"id\":\"WABA2\",\"changes\":[{\"field\":\"messages\",\"value\":" + value(from, "Lise",
                message(location, from, "location", "\"location\":{\"latitude\":48.85,\"longitude\":2.35,\"name\":\"Mairie\",\"address\":\"Paris\"}"),
                message(contacts, from, "contacts", "\"contacts\":[{\"name\":{\"formatted_name\":\"Mon fils\"},\"phones\":[{\"phone\":\"+33 6 00 00 00 00\"}]}]"),
                message(reaction, from, "reaction", "\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"👍\"}"),
                message(button, from, "button", "\"button\":{\"payload\":\"OUI\",\"text\":\"Oui\"}"),
                message(list, from, "interactive", "\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"printer\",\"title\":\"Imprimante\",\"description\":\"Elle n'imprime plus\"}}"),
                message(unsupported, from, "unsupported", "\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\"}]"),
                message(system, from, "system", "\"system\":{\"body\":\"Numéro changé\",\"type\":\"user_changed_number\"}"),
                message(unknown, from, "hologram", "\"hologram\":{}"))
                + "},{\"field\":\"account_update\",\"value\":{}}]}";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[" + firstEntry + "," + secondEntry + "]}";
        double unknownBefore = metrics.count("numi.intake.gateway.ignored", "channel", "whatsapp", "reason", "unknown-type");

        // when
        post(body).expectStatus().isOk();

        // then
        List<ConsumerRecord<String, byte[]>> records = TopicReader.drain(brokers, TOPIC, r -> {
            String id = header(r, "ce_id");
            return id != null && id.startsWith("wa:") && List.of(text, image, voice, document, video, sticker, location, contacts, reaction,
                    button, list, unsupported, system, unknown).contains(id.substring(3));
        });
        assertThat(records).extracting(r -> header(r, "ce_id").substring(3))
                .containsExactly(text, image, voice, document, video, sticker, location, contacts, button, list, unsupported, unknown);
        records.forEach(r -> assertThat(Contracts.bodyViolations(TOPIC, r.value())).isEmpty());
        JsonNode imageEvent = SealedRecords.open(records.get(1), customerKeys);
        assertThat(imageEvent.get("text").asString()).isEqualTo("[Photo] le message bizarre");
        assertThat(imageEvent.get("attachments").get(0).get("mediaId").asString()).isEqualTo("MEDIA-IMG");
        assertThat(SealedRecords.open(records.get(2), customerKeys).get("attachments").get(0).get("type").asString()).isEqualTo("voice");
        assertThat(SealedRecords.open(records.get(3), customerKeys).get("text").asString()).contains("facture.pdf");
        assertThat(SealedRecords.open(records.get(6), customerKeys).get("text").asString()).contains("Mairie").contains("48.85");
        assertThat(SealedRecords.open(records.get(9), customerKeys).get("text").asString()).isEqualTo("Imprimante — Elle n'imprime plus");
        assertThat(SealedRecords.open(records.get(11), customerKeys).get("text").asString()).contains("non pris en charge");
        assertThat(metrics.count("numi.intake.gateway.ignored", "channel", "whatsapp", "reason", "unknown-type")).isEqualTo(unknownBefore + 1);
    }

    @Test
    void shouldPressTheRedButtonForTheKeywordInAnyCaseAndForTheInteractiveButton() {
        // given
        String keyword = wamid(), pressed = wamid(), plain = wamid();
        String from = "33633333333";
        String body = notification(value(from, "Marc",
                message(keyword, from, "text", "\"text\":{\"body\":\"Urgençe, ils ont mon code\"}"),
                message(pressed, from, "interactive", "\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"RED_BUTTON\",\"title\":\"Bouton rouge\"}}"),
                message(plain, from, "text", "\"text\":{\"body\":\"Merci\"}")));

        // when
        post(body).expectStatus().isOk();

        // then
        assertThat(redButton(keyword)).isTrue();
        assertThat(redButton(pressed)).isTrue();
        assertThat(redButton(plain)).isFalse();
    }

    @Test
    void shouldKeyAPersonWithOnlyAUserIdOnThatIdNotOnAPhone() {
        // given
        String wamid = wamid();
        String value = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Anne\"},\"user_id\":\"FR.1234567890\"}],"
                + "\"messages\":[{\"from_user_id\":\"FR.1234567890\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764150000\",\"type\":\"text\",\"text\":{\"body\":\"Bonjour\"}}]}";

        // when
        post(notification(value)).expectStatus().isOk();

        // then
        JsonNode event = SealedRecords.open(single("wa:" + wamid), customerKeys);
        assertThat(event.get("contact").get("value").asString()).isEqualTo("FR.1234567890");
        assertThat(event.get("customerId").asString())
                .isEqualTo(Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.whatsAppUser("FR.1234567890")));
    }

    @Test
    void shouldKeyASenderWhoseFromIsABusinessScopedIdOnThatIdAndNeverDropIt() {
        // given: a newer payload whose "from" is a business-scoped user id, no wa_id at all
        String wamid = wamid();
        String value = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Paul\"}}],"
                + "\"messages\":[{\"from\":\"US.13491208655302741918\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764150000\",\"type\":\"text\",\"text\":{\"body\":\"On a piraté mon compte\"}}]}";

        // when
        post(notification(value)).expectStatus().isOk();

        // then: a proven request keyed on the id, answerable on WhatsApp
        JsonNode event = SealedRecords.open(single("wa:" + wamid), customerKeys);
        assertThat(event.get("contact").get("kind").asString()).isEqualTo("WHATSAPP");
        assertThat(event.get("contact").get("value").asString()).isEqualTo("US.13491208655302741918");
        assertThat(event.get("contactProven").asBoolean()).isTrue();
        assertThat(event.get("reachableBy")).extracting(JsonNode::asString).containsExactly("WHATSAPP");
        assertThat(event.get("customerId").asString())
                .isEqualTo(Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.whatsAppUser("US.13491208655302741918")));
    }

    @Test
    void shouldRecordStatusesAgainstTheOutboundMessageWhateverTheirOrder() {
        // given
        String sent = wamid();
        String value = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},\"statuses\":["
                + "{\"id\":\"" + sent + "\",\"status\":\"read\",\"timestamp\":\"1764150030\",\"recipient_id\":\"33612345678\"},"
                + "{\"id\":\"" + sent + "\",\"status\":\"delivered\",\"timestamp\":\"1764150010\",\"recipient_id\":\"33612345678\"}]}";

        // when
        post(notification(value)).expectStatus().isOk();
        post(notification(value)).expectStatus().isOk();

        // then
        Document stored = mongo.findOne(Query.query(Criteria.where("_id").is(sent)), Document.class, "outbound_statuses").block(Duration.ofSeconds(5));
        assertThat(stored).isNotNull();
        assertThat(stored.getList("statuses", Document.class)).extracting(d -> d.getString("status")).containsExactly("read", "delivered");
    }

    // --- bad input ---

    @Test
    void shouldAnswer401AndPublishNothingWhenTheSignatureIsMissing() {
        String wamid = wamid();
        String body = notification(value("33644444444", "X", message(wamid, "33644444444", "text", "\"text\":{\"body\":\"x\"}")));
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "signature-missing");

        http.post().uri(PATH).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isUnauthorized();

        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "signature-missing")).isEqualTo(before + 1);
        assertThat(TopicReader.drain(brokers, TOPIC, withId("wa:" + wamid))).isEmpty();
    }

    @Test
    void shouldAnswer403AndPublishNothingWhenTheSignatureIsWrong() {
        String wamid = wamid();
        String body = notification(value("33644444444", "X", message(wamid, "33644444444", "text", "\"text\":{\"body\":\"x\"}")));
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "signature-invalid");

        http.post().uri(PATH).contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign("another-secret", body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body).exchange().expectStatus().isForbidden();

        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "signature-invalid")).isEqualTo(before + 1);
        assertThat(TopicReader.drain(brokers, TOPIC, withId("wa:" + wamid))).isEmpty();
    }

    @Test
    void shouldAnswer400WhenASignedBodyIsNotJson() {
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "malformed");

        post("{\"object\":\"whatsapp_business_account\",\"entry\":[").expectStatus().isBadRequest();

        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "whatsapp", "reason", "malformed")).isEqualTo(before + 1);
    }

    @Test
    void shouldAnswer200AndIgnoreWhenTheObjectIsNotWhatsApp() {
        double before = metrics.count("numi.intake.gateway.ignored", "channel", "whatsapp", "reason", "not-whatsapp");

        post("{\"object\":\"page\",\"entry\":[]}").expectStatus().isOk();

        assertThat(metrics.count("numi.intake.gateway.ignored", "channel", "whatsapp", "reason", "not-whatsapp")).isEqualTo(before + 1);
    }

    @Test
    void shouldAnswer413WhenTheBodyIsAbsurdlyLarge() {
        String body = notification(value("33644444444", "X", message(wamid(), "33644444444", "text", "\"text\":{\"body\":\"" + "x".repeat(70_000) + "\"}")));

        post(body).expectStatus().isEqualTo(413);
    }

    // --- helpers ---

    private WebTestClient.ResponseSpec post(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return http.post().uri(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign(IntakeIntegrationTest.WHATSAPP_SECRET, raw))
                .bodyValue(raw)
                .exchange();
    }

    private ConsumerRecord<String, byte[]> single(String ceId) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, TOPIC, withId(ceId));
        return records.get(records.size() - 1);
    }

    private boolean redButton(String wamid) {
        return SealedRecords.open(single("wa:" + wamid), customerKeys).get("redButton").asBoolean();
    }

    static String wamid() {
        return "wamid.HBgL" + UUID.randomUUID().toString().replace("-", "");
    }

    static String notification(String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":" + value + "}]}]}";
    }

    static String value(String waId, String name, String... messages) {
        return "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[" + String.join(",", messages) + "]}";
    }

    static String message(String wamid, String from, String type, String content) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1764150000\",\"type\":\"" + type + "\"," + content + "}";
    }
}
