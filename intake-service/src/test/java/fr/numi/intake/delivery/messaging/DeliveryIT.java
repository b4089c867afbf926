package fr.numi.intake.delivery.messaging;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.privacy.CustomerKeys;
import static fr.numi.intake.support.TopicReader.header;
import static fr.numi.intake.support.TopicReader.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.intake.delivery.domain.IdempotencyKey;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.FakeProviders;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.MailServer;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.support.TopicWriter;
import fr.numi.intake.whatsapp.domain.HubSignature;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/**
 * Outbound delivery on the embedded broker: notification requests in, the exact provider requests out
 * (to a local server in the role of the Graph API and of Twilio), delivery statuses and dead letters.
 */
@IntakeIntegrationTest
class DeliveryIT {

    static final String STATUS_TOPIC = "intake.delivery-status.v1";
    static final String TICKET_TOPIC = "ticket.notification-requested.v1";
    static final String URGENCY_TOPIC = "urgency.notification-requested.v1";
    static final String SURVEY_TOPIC = "feedback.survey-requested.v1";
    static final String MESSAGES_PATH = "/" + FakeProviders.API_VERSION + "/" + FakeProviders.PHONE_NUMBER_ID + "/messages";
    static final String SMS_PATH = "/2010-04-01/Accounts/" + FakeProviders.ACCOUNT_SID + "/Messages.json";
    static final SecureRandom RANDOM = new SecureRandom();

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    /** intake's own event writer: it seals what a test writes as the producers do. */
    @Autowired
    EventWriter events;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldSendFreeTextOnWhatsAppInsideThe24HourWindowAndPublishSent() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(2)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:TICKET_CLAIMED:claimed:1";

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "TICKET_CLAIMED", "Votre demande a été prise en charge.");

        // then
        FakeProviders.Recorded request = awaitRequests(waId(phone), 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(MESSAGES_PATH);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeProviders.ACCESS_TOKEN);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text",
                 "text":{"preview_url":false,"body":"Votre demande a été prise en charge."}}""".formatted(waId(phone))));
        ConsumerRecord<String, byte[]> sent = status(notificationId, "SENT");
        assertThat(Contracts.headerViolations(STATUS_TOPIC, TopicReader.rawHeaders(sent))).isEmpty();
        assertThat(Contracts.bodyViolations(STATUS_TOPIC, sent.value())).isEmpty();
        JsonNode event = SealedRecords.open(sent, customerKeys);
        assertThat(sent.key()).isEqualTo(ticketId);
        assertThat(header(sent, "ce_subject")).isEqualTo(ticketId);
        assertThat(event.get("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(event.get("via").asString()).isEqualTo("WHATSAPP_TEXT");
        assertThat(event.get("providerMessageId").asString()).startsWith("wamid.FAKE");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).doesNotContain(waId(phone));
    }

    @Test
    void shouldPublishDeliveredAndReadWhenMetaReportsThemForTheSentMessage() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofMinutes(5)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:AGENT_REPLY:r1";
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "AGENT_REPLY", "Redémarrez la box puis réessayez.");
        String wamid = SealedRecords.open(status(notificationId, "SENT"), customerKeys).get("providerMessageId").asString();

        // when
        String statuses = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"PNID\"},\"statuses\":["
                + "{\"id\":\"" + wamid + "\",\"status\":\"read\",\"timestamp\":\"1764150030\",\"recipient_id\":\"" + waId(phone) + "\"},"
                + "{\"id\":\"" + wamid + "\",\"status\":\"delivered\",\"timestamp\":\"1764150010\",\"recipient_id\":\"" + waId(phone) + "\"}]}";
        postWebhook("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":" + statuses + "}]}]}");

        // then
        JsonNode delivered = SealedRecords.open(status(notificationId, "DELIVERED"), customerKeys);
        JsonNode read = SealedRecords.open(status(notificationId, "READ"), customerKeys);
        assertThat(delivered.get("providerMessageId").asString()).isEqualTo(wamid);
        assertThat(read.get("at").asString()).isEqualTo("2025-11-26T09:40:30Z");
        assertThat(Contracts.bodyViolations(STATUS_TOPIC, json.writeValueAsBytes(read))).isEmpty();
    }

    @Test
    void shouldSendTheApprovedTemplateOutsideThe24HourWindow() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(25)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":urgency:CYBER_INSTRUCTIONS:r1";

        // when
        notify(URGENCY_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "CYBER_INSTRUCTIONS", "Urgence cyber :\n- Raccrochez.\n- Ne payez rien.");

        // then
        FakeProviders.Recorded request = awaitRequests(waId(phone), 1).get(0);
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"template",
                 "template":{"name":"numi_suivi_dossier","language":{"code":"fr"},
                   "components":[{"type":"body","parameters":[{"type":"text","text":"%s"},
                                                              {"type":"text","text":"Urgence cyber : - Raccrochez. - Ne payez rien."}]}]}}"""
                .formatted(waId(phone), ticketId)));
        assertThat(SealedRecords.open(status(notificationId, "SENT"), customerKeys).get("via").asString()).isEqualTo("WHATSAPP_TEMPLATE");
    }

    @Test
    void shouldAskForTheSurveyAsAnInteractiveListOfFiveRatingsInsideTheWindow() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(1)));
        String ticketId = ticketId();
        String surveyId = ticketId + ":survey-requested";

        // when
        TopicWriter.send(brokers, SURVEY_TOPIC, ticketId, surveyId, "/numi/feedback-service", "fr.numi.feedback.survey-requested.v1",
                ("{\"surveyId\":\"" + surveyId + "\",\"ticketId\":\"" + ticketId + "\",\"customerId\":\"" + customerId + "\",\"channel\":\"WHATSAPP\","
                        + "\"scale\":{\"min\":1,\"max\":5},\"level\":1,\"resolvedAt\":\"2026-11-26T10:40:00Z\",\"requestedAt\":\"2026-11-26T10:40:00.120Z\"}")
                        .getBytes(StandardCharsets.UTF_8));

        // then
        JsonNode body = json.readTree(awaitRequests(waId(phone), 1).get(0).body());
        assertThat(body.get("type").asString()).isEqualTo("interactive");
        assertThat(body.at("/interactive/type").asString()).isEqualTo("list");
        JsonNode rows = body.at("/interactive/action/sections/0/rows");
        assertThat(rows).hasSize(5);
        for (int rating = 1; rating <= 5; rating++) {
            assertThat(rows.get(rating - 1).get("id").asString()).isEqualTo("SURVEY:" + ticketId + ":" + rating);
            assertThat(rows.get(rating - 1).get("title").asString().length()).isLessThanOrEqualTo(24);
        }
        assertThat(SealedRecords.open(status(surveyId, "SENT"), customerKeys).get("kind").asString()).isEqualTo("SURVEY");
    }

    @Test
    void shouldSendAnSmsThroughTwilioToAPhoneCaller() {
        // given
        String phone = phone();
        String customerId = knownByPhone(phone);
        String ticketId = ticketId();
        String notificationId = ticketId + ":urgency:CYBER_ORIENTATION:r1";

        // when
        notify(URGENCY_TOPIC, notificationId, ticketId, customerId, "PHONE", "CYBER_ORIENTATION", "Appelez votre banque au numéro habituel.");

        // then
        FakeProviders.Recorded request = awaitRequests(phone, 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(SMS_PATH);
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (FakeProviders.ACCOUNT_SID + ":" + IntakeIntegrationTest.TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form()).containsExactly(
                Map.entry("To", phone), Map.entry("From", FakeProviders.SMS_FROM), Map.entry("Body", "Appelez votre banque au numéro habituel."));
        JsonNode sent = SealedRecords.open(status(notificationId, "SENT"), customerKeys);
        assertThat(sent.get("channel").asString()).isEqualTo("PHONE");
        assertThat(sent.get("via").asString()).isEqualTo("SMS");
        assertThat(sent.get("providerMessageId").asString()).startsWith("SM");
    }

    @Test
    void shouldRetryOn5xxWithBackOffAndSendOnce() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(1)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:TICKET_RESOLVED:r1";
        FakeProviders.script(waId(phone), 503, 500);

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "TICKET_RESOLVED", "Votre demande est résolue.");

        // then
        status(notificationId, "SENT");
        List<FakeProviders.Recorded> calls = FakeProviders.requestsFor(waId(phone));
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(FakeProviders.Recorded::body).containsOnly(calls.get(0).body());
    }

    @Test
    void shouldPublishFailedAndDeadLetterWithTheReasonWhenTheProviderRefusesForGood() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(1)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:AGENT_REPLY:r9";
        FakeProviders.script(waId(phone), 400);

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "AGENT_REPLY", "Bonjour");

        // then
        JsonNode failed = SealedRecords.open(status(notificationId, "FAILED"), customerKeys);
        assertThat(failed.get("reason").asString()).isEqualTo("whatsapp-api answered 400 code=131026");
        ConsumerRecord<String, byte[]> dead = TopicReader.readAll(brokers, TICKET_TOPIC + ".intake-service.dlq", withId(notificationId))
                .stream().filter(withId(notificationId)).findFirst().orElseThrow();
        assertThat(header(dead, "x-exception-message")).contains("whatsapp-api answered 400 code=131026");
        assertThat(delivery(notificationId)).doesNotContainKeys("state", "retryAt");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(FakeProviders.requestsFor(waId(phone))).hasSize(1));
    }

    @Test
    void shouldRetryLaterFromMongoAndSendExactlyOnceWhenTheProviderAnswers503ThenOk() {
        // given: Twilio away for the whole first attempt (the guard's three calls), back for the next
        String phone = phone();
        String customerId = knownByPhone(phone);
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:TICKET_CLAIMED:c1";
        FakeProviders.script(phone, 503, 503, 503);

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "PHONE", "TICKET_CLAIMED", "Un conseiller s'occupe de vous.");

        // then: the retry was recorded in MongoDB, not dead-lettered, and sent once when due (the record was read once:
        // the second attempt is the scheduler's)
        JsonNode sent = SealedRecords.open(status(notificationId, "SENT"), customerKeys);
        assertThat(sent.get("providerMessageId").asString()).startsWith("SM");
        List<FakeProviders.Recorded> calls = FakeProviders.requestsFor(phone);
        assertThat(calls).hasSize(4);
        assertThat(calls).extracting(FakeProviders.Recorded::body).containsOnly(calls.get(0).body());
        assertThat(TopicReader.drain(brokers, STATUS_TOPIC, r -> String.valueOf(header(r, "ce_id")).startsWith(notificationId + ":")))
                .extracting(r -> header(r, "ce_id")).containsExactly(notificationId + ":SENT");
        assertThat(TopicReader.drain(brokers, TICKET_TOPIC + ".intake-service.dlq", withId(notificationId))).isEmpty();
        Document delivery = delivery(notificationId);
        assertThat(delivery.getString("outcome")).isEqualTo("SENT");
        assertThat(delivery.getInteger("attempts")).isEqualTo(2);
        assertThat(delivery).doesNotContainKeys("state", "retryAt", "request");
    }

    @Test
    void shouldPublishFailedWithTheReasonOnceTheProviderStaysDownPastTheBoundedDelay() {
        // given: Twilio answers 503 to everything
        String phone = phone();
        String customerId = knownByPhone(phone);
        String ticketId = ticketId();
        String notificationId = ticketId + ":urgency:CYBER_INSTRUCTIONS:r1";
        FakeProviders.script(phone, java.util.Collections.nCopies(200, 503).toArray(Integer[]::new));
        Instant start = Instant.now();

        String otherPhone = phone();
        String otherCustomer = knownByPhone(otherPhone);
        String otherNotification = ticketId + ":urgency:CYBER_ORIENTATION:r1";

        // when: the message, then another one behind it on the same partition
        notify(URGENCY_TOPIC, notificationId, ticketId, customerId, "PHONE", "CYBER_INSTRUCTIONS", "Ne payez rien.");
        notify(URGENCY_TOPIC, otherNotification, ticketId, otherCustomer, "PHONE", "CYBER_ORIENTATION", "Appelez votre banque.");

        // then: the one behind did not wait for the retries
        ConsumerRecord<String, byte[]> other = status(otherNotification, "SENT");

        // and the first was tried again and again, then FAILED with the reason for the agents (ticket-service's
        // timeline, urgency-service's page)
        ConsumerRecord<String, byte[]> failed = status(notificationId, "FAILED");
        assertThat(other.offset()).isLessThan(failed.offset());
        assertThat(Contracts.bodyViolations(STATUS_TOPIC, failed.value())).isEmpty();
        JsonNode event = SealedRecords.open(failed, customerKeys);
        assertThat(event.get("reason").asString()).matches("gave-up: \\d+ attempts in " + IntakeIntegrationTest.GIVE_UP_AFTER_SECONDS
                + " s, last: twilio-api answered 503 code=20500");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(IntakeIntegrationTest.GIVE_UP_AFTER_SECONDS));
        assertThat(FakeProviders.requestsFor(phone).size()).isGreaterThan(3 * 3);
        assertThat(delivery(notificationId).getString("outcome")).isEqualTo("FAILED");
    }

    @Test
    void shouldEMailAPersonWhoGaveAnAddressOnTheWebForm() {
        // given
        String email = "web-" + UUID.randomUUID() + "@example.org";
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.EMAIL, email));
        mongo.save(new Document("_id", customerId).append("kind", "EMAIL").append("value", email).append("channel", "WEB")
                .append("lastInboundAt", new Date()).append("proven", false), "contacts").block(Duration.ofSeconds(5));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:TICKET_RECEIVED:r1";

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WEB", "TICKET_RECEIVED", "Votre demande est bien reçue.");

        // then: an e-mail through the SMTP server, and its outcome published
        JsonNode event = SealedRecords.open(status(notificationId, "SENT"), customerKeys);
        assertThat(event.get("via").asString()).isEqualTo("EMAIL");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(MailServer.received(email)).singleElement()
                .satisfies(mail -> {
                    assertThat(mail.getSubject()).contains(ticketId);
                    assertThat(MailServer.body(mail)).isEqualTo("Votre demande est bien reçue.");
                    // the idempotency key, the same on every attempt
                    assertThat(mail.getMessageID()).isEqualTo("<" + IdempotencyKey.of(notificationId) + "@numi>");
                }));
        assertThat(event.get("providerMessageId").asString()).isEqualTo("<" + IdempotencyKey.of(notificationId) + "@numi>");
    }

    @Test
    void shouldSendAnAgentsReplyToTheRecipientTicketServiceNamesWithTheTrackingLinkOnce() {
        // given: ticket-service names the route (the person's latest message came from this address)
        String email = "reply-" + UUID.randomUUID() + "@example.org";
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.EMAIL, email));
        String ticketId = ticketId();
        String requestId = "web-" + UUID.randomUUID();

        // when
        publish(TICKET_TOPIC, ticketId + ":notify:AGENT_REPLY:r1", ticketId, """
                {"notificationId":"%s:notify:AGENT_REPLY:r1","ticketId":"%s","customerId":"%s","channel":"WEB","kind":"AGENT_REPLY",
                 "text":"Bonjour Jeanne, débranchez l'imprimante.","requestedAt":"%s",
                 "recipient":{"route":"EMAIL","contact":{"kind":"EMAIL","value":"%s"}},"trackingRequestId":"%s"}"""
                .formatted(ticketId, ticketId, customerId, Instant.now(), email, requestId));

        // then
        status(ticketId + ":notify:AGENT_REPLY:r1", "SENT");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(MailServer.received(email)).singleElement()
                .satisfies(mail -> assertThat(MailServer.body(mail)).startsWith("Bonjour Jeanne, débranchez l'imprimante.")
                        .contains("/suivi.html?t=" + DerivedIds.trackingToken(IntakeIntegrationTest.CUSTOMER_SECRET, requestId))));
    }

    @Test
    void shouldRefuseWhatsAppToANumberThatNeverWroteToNumiWhateverRouteIsNamed() {
        // given: a number nobody proved (typed on the web form), named as the route
        String phone = phone();
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:AGENT_REPLY:typed";

        // when
        publish(TICKET_TOPIC, notificationId, ticketId, """
                {"notificationId":"%s","ticketId":"%s","customerId":"%s","channel":"WEB","kind":"AGENT_REPLY",
                 "text":"Bonjour","requestedAt":"%s","recipient":{"route":"WHATSAPP","contact":{"kind":"WHATSAPP","value":"%s"}}}"""
                .formatted(notificationId, ticketId, Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.WHATSAPP, phone)),
                        Instant.now(), phone));

        // then: FAILED with its reason for the agents, nothing billed, no dead letter
        ConsumerRecord<String, byte[]> failed = status(notificationId, "FAILED");
        assertThat(Contracts.bodyViolations(STATUS_TOPIC, failed.value())).isEmpty();
        assertThat(SealedRecords.open(failed, customerKeys).get("reason").asString()).startsWith("unproven-contact: ").doesNotContain(waId(phone));
        assertThat(FakeProviders.requestsFor(waId(phone))).isEmpty();
        assertThat(TopicReader.drain(brokers, TICKET_TOPIC + ".intake-service.dlq", withId(notificationId))).isEmpty();
    }

    @Test
    void shouldDeliverOnceWhenTheSameNotificationComesTwice() {
        // given
        String phone = phone();
        String customerId = knownOnWhatsApp(phone, Instant.now().minus(Duration.ofHours(1)));
        String ticketId = ticketId();
        String notificationId = ticketId + ":notify:WAITING_FOR_PERSON:w1";

        // when
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "WAITING_FOR_PERSON", "Pouvez-vous nous envoyer une photo ?");
        notify(TICKET_TOPIC, notificationId, ticketId, customerId, "WHATSAPP", "WAITING_FOR_PERSON", "Pouvez-vous nous envoyer une photo ?");
        String marker = ticketId + ":notify:WAITING_FOR_PERSON:w2";
        notify(TICKET_TOPIC, marker, ticketId, customerId, "WHATSAPP", "WAITING_FOR_PERSON", "Merci.");

        // then: once the later notification is sent, the duplicate has been absorbed
        status(marker, "SENT");
        assertThat(FakeProviders.requestsFor(waId(phone))).hasSize(2);
        assertThat(TopicReader.drain(brokers, STATUS_TOPIC, withId(notificationId + ":SENT"))).hasSize(1);
    }

    @Test
    void shouldNeitherSendNorDeadLetterAMessageWhoseTextWasErasedWithThePerson() {
        // given: a message to a caller, sealed with their key, and their key erased before intake reads it
        String phone = phone();
        String customerId = knownByPhone(phone);
        String ticketId = ticketId();
        String erased = ticketId + ":urgency:CYBER_ORIENTATION:r1";
        byte[] sealed = sealedNotification(erased, ticketId, customerId, "Un texte qui a été effacé avec la personne.");
        customerKeys.destroy(customerId).block(Duration.ofSeconds(5));

        // when: it comes, then a later message to the same person (sealed with the key they got by writing again)
        TopicWriter.send(brokers, URGENCY_TOPIC, ticketId, erased, "/numi/urgency-service", "fr.numi.urgency.notification-requested.v1", sealed);
        String later = ticketId + ":urgency:CYBER_ORIENTATION:r2";
        TopicWriter.send(brokers, URGENCY_TOPIC, ticketId, later, "/numi/urgency-service", "fr.numi.urgency.notification-requested.v1",
                sealedNotification(later, ticketId, customerId, "Appelez votre banque au numéro habituel."));

        // then: only the later one is sent (same partition: the erased one was read first), and nothing was dead-lettered
        assertThat(awaitRequests(phone, 1)).singleElement()
                .satisfies(r -> assertThat(r.form()).containsEntry("Body", "Appelez votre banque au numéro habituel."));
        assertThat(delivery(erased)).isNull();
        assertThat(TopicReader.drain(brokers, URGENCY_TOPIC + ".intake-service.dlq", withId(erased))).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUnreadableNotification() {
        // given
        String marker = "broken-" + UUID.randomUUID();

        // when
        TopicWriter.send(brokers, TICKET_TOPIC, "NUMI-0000-0000", marker, "/numi/ticket-service", "fr.numi.ticket.notification-requested.v1",
                "{not json".getBytes(StandardCharsets.UTF_8));

        // then
        ConsumerRecord<String, byte[]> dead = TopicReader.readAll(brokers, TICKET_TOPIC + ".intake-service.dlq", withId(marker)).stream()
                .filter(withId(marker)).findFirst().orElseThrow();
        assertThat(header(dead, "x-exception-message")).contains("unreadable");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    // --- helpers ---

    /** A notification body as written, checked against the contract first. */
    private void publish(String topic, String notificationId, String ticketId, String json) {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Contracts.bodyViolations(topic, body)).isEmpty();
        TopicWriter.send(brokers, topic, ticketId, notificationId, "/numi/ticket-service", "fr.numi.ticket.notification-requested.v1", body);
    }

    private void notify(String topic, String notificationId, String ticketId, String customerId, String channel, String kind, String text) {
        String producer = topic.startsWith("urgency") ? "urgency" : "ticket";
        byte[] body = json.writeValueAsBytes(Map.of("notificationId", notificationId, "ticketId", ticketId, "customerId", customerId,
                "channel", channel, "kind", kind, "text", text, "requestedAt", "2026-11-26T09:40:00Z"));
        assertThat(Contracts.bodyViolations(topic, body)).isEmpty();
        TopicWriter.send(brokers, topic, ticketId, notificationId, "/numi/" + producer + "-service", "fr.numi." + producer + ".notification-requested.v1", body);
    }

    /** A notification body sealed as urgency-service writes it, with the customer's key of the moment. */
    private byte[] sealedNotification(String notificationId, String ticketId, String customerId, String text) {
        Map<String, Object> body = Map.of("notificationId", notificationId, "ticketId", ticketId, "customerId", customerId,
                "channel", "PHONE", "kind", "CYBER_ORIENTATION", "text", text, "requestedAt", "2026-11-26T09:40:00Z");
        byte[] sealed = events.record(URGENCY_TOPIC, ticketId, notificationId, "fr.numi.urgency.notification-requested.v1", ticketId,
                Instant.now(), body).value();
        assertThat(new String(sealed, StandardCharsets.UTF_8)).doesNotContain(text);
        assertThat(Contracts.bodyViolations(URGENCY_TOPIC, sealed)).isEmpty();
        return sealed;
    }

    private ConsumerRecord<String, byte[]> status(String notificationId, String outcome) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, STATUS_TOPIC, withId(notificationId + ":" + outcome));
        return records.get(records.size() - 1);
    }

    private Document delivery(String notificationId) {
        return mongo.findById(notificationId, Document.class, "deliveries").block(Duration.ofSeconds(5));
    }

    private static List<FakeProviders.Recorded> awaitRequests(String recipient, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeProviders.requestsFor(recipient).size() >= count);
        return FakeProviders.requestsFor(recipient);
    }

    private String knownOnWhatsApp(String phone, Instant lastWhatsApp) {
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.WHATSAPP, phone));
        mongo.save(new Document("_id", customerId).append("kind", "WHATSAPP").append("value", phone).append("channel", "WHATSAPP")
                .append("lastInboundAt", Date.from(lastWhatsApp)).append("lastWhatsAppInboundAt", Date.from(lastWhatsApp)), "contacts")
                .block(Duration.ofSeconds(5));
        return customerId;
    }

    private String knownByPhone(String phone) {
        String customerId = Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.PHONE, phone));
        mongo.save(new Document("_id", customerId).append("kind", "PHONE").append("value", phone).append("channel", "PHONE")
                .append("lastInboundAt", new Date()), "contacts").block(Duration.ofSeconds(5));
        return customerId;
    }

    private void postWebhook(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        http.post().uri("/api/v1/whatsapp/webhook").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", HubSignature.sign(IntakeIntegrationTest.WHATSAPP_SECRET, raw))
                .bodyValue(raw).exchange().expectStatus().isOk();
    }

    static String phone() {
        return "+33612" + String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    static String waId(String phone) {
        return phone.substring(1);
    }

    static String ticketId() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
