package fr.numi.deploy.stack;

import static fr.numi.deploy.stack.JourneyIT.awaitTracking;
import static fr.numi.deploy.stack.JourneyIT.get;
import static fr.numi.deploy.stack.JourneyIT.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.deploy.identity.DemoAgents;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation end to end, on the local stack (two instances of ticket-service): an agent reads
 * what the person wrote — with their name, contact, photos and voice notes — and answers; the answer
 * reaches the person on their own channel (WhatsApp and SMS through the fake providers, e-mail into the
 * local mailbox); the person's answer joins the ticket; and only that person sees it.
 */
class ConversationIT {

    static LocalStack stack;
    static FakeGateways gateways;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gateways = SharedStack.gateways();
        JourneyIT.stack = stack;
    }

    @Test
    void shouldLetAnAgentReadAWhatsAppMessageWithItsPhotoAndVoiceNoteAndAnswerOnWhatsApp() throws Exception {
        // given: the Graph API holds a photo and a voice note the person sends with their message
        String waId = mobileDigits();
        byte[] photo = ("photo-of-a-scam-sms-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] voice = ("voice-note-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String photoId = "m" + UUID.randomUUID().toString().replace("-", "");
        String voiceId = "m" + UUID.randomUUID().toString().replace("-", "");
        gateways.media(photoId, "image/jpeg", photo);
        gateways.media(voiceId, "audio/ogg", voice);

        // when: Paul writes on WhatsApp, then sends the photo and a voice note
        whatsApp(waId, "Paul", text("J'ai reçu un SMS bizarre de ma banque, je ne sais pas si c'est vrai"));
        whatsApp(waId, "Paul", "{\"type\":\"image\",\"image\":{\"id\":\"" + photoId + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"x\",\"caption\":\"Le SMS\"}}");
        whatsApp(waId, "Paul", "{\"type\":\"audio\",\"audio\":{\"id\":\"" + voiceId + "\",\"mime_type\":\"audio/ogg\",\"sha256\":\"x\",\"voice\":true}}");

        // then: one ticket holds the three messages, with Paul's name and proven number
        String ticket = awaitTicketOf("+" + waId, 3);
        String jwt = stack.token(DemoAgents.L3);
        String view = agentView(ticket, jwt);
        assertThat((String) JsonPath.read(view, "$.person.name")).isEqualTo("Paul");
        assertThat((Boolean) JsonPath.read(view, "$.person.contacts[0].proven")).isTrue();
        assertThat((String) JsonPath.read(view, "$.person.replyRoute")).isEqualTo("WHATSAPP");
        assertThat(view).contains("J'ai reçu un SMS bizarre de ma banque");
        // and the agent opens the photo and the voice note through intake, with their token
        List<String> attachments = JsonPath.read(view, "$.conversation[*].attachments[*].attachmentId");
        assertThat(attachments).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(attachments).allSatisfy(id ->
                assertThat(bytes(stack.url("intake-service") + "/api/v1/attachments/" + id, jwt).statusCode()).isEqualTo(200)));
        assertThat(attachments.stream().map(id -> bytes(stack.url("intake-service") + "/api/v1/attachments/" + id, jwt).body()))
                .anySatisfy(b -> assertThat(b).isEqualTo(photo)).anySatisfy(b -> assertThat(b).isEqualTo(voice));

        // when: the agent answers
        claimAndReply(ticket, jwt, "Bonjour Paul, ne cliquez pas sur le lien : c'est une arnaque. Transférez le SMS au 33700.");

        // then: it leaves on WhatsApp, to Paul's number, inside the 24 h window (free text)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateways.sentTo(waId))
                .anySatisfy(s -> assertThat(s.body()).contains("\"type\":\"text\"").contains("ne cliquez pas sur le lien")));
        // and Paul's answer joins the same ticket
        whatsApp(waId, "Paul", text("Merci, c'est fait, je l'ai transféré"));
        awaitTicketOf("+" + waId, 4);
    }

    @Test
    void shouldAnswerAWebPersonByEMailWithTheTrackingLinkAndTakeTheirAnswerFromThePage() throws Exception {
        // given: Marie asks on the web form with her e-mail address
        String email = "marie-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null,
                "{\"name\":\"Marie\",\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email + "\"},"
                        + "\"description\":\"Je n'arrive plus à envoyer de photos par mail depuis ma tablette.\"}");
        String ticket = JsonPath.read(accepted.body(), "$.ticketId");
        String token = JsonPath.read(accepted.body(), "$.trackingToken");
        String view = awaitTracking(token, body -> !"RECEIVED".equals(JsonPath.read(body, "$.status")));
        int level = JsonPath.read(view, "$.level");
        String jwt = stack.token(DemoAgents.valueOf("L" + level));

        // when: the agent answers
        claimAndReply(ticket, jwt, "Bonjour Marie, ouvrez Réglages puis Mail et vérifiez le compte.");

        // then: Marie gets the answer by e-mail (the local mailbox received it), with her tracking link, where she answers
        // (nobody reads the address e-mails come from)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.mails())
                .filteredOn(m -> m.to().stream().anyMatch(to -> to.contains(email)))
                .anySatisfy(m -> assertThat(m.text()).contains("ouvrez Réglages puis Mail")
                        .contains("Pour nous répondre ou suivre votre demande : ").contains("/suivi.html?t=" + token)));

        // and her answer on the tracking page joins the ticket
        HttpResponse<String> answer = post(stack.url("intake-service") + "/api/v1/tracking/" + token + "/messages", null,
                "{\"text\":\"Je ne trouve pas le menu Mail, il y a Gmail\"}");
        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agentView(ticket, jwt)).contains("il y a Gmail"));
    }

    @Test
    void shouldTakeAnSmsAndAnswerItBySms() throws Exception {
        // given: a person texts the hotline's number
        String mobile = "+" + mobileDigits();
        sms(mobile, "Bonjour mon ordinateur ne s'allume plus du tout");
        String ticket = awaitTicketOf(mobile, 1);
        String jwt = stack.token(DemoAgents.SUPERVISOR);

        // when
        claimAndReply(ticket, jwt, "Bonjour, vérifiez que le câble est bien branché à la prise.");

        // then: an SMS through Twilio's Messages API, to their number; their answer by SMS joins
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateways.sentTo(mobile))
                .anySatisfy(s -> assertThat(FakeGateways.form(s.body()).get("Body")).contains("vérifiez que le câble")));
        sms(mobile, "C'est bon il s'allume merci");
        awaitTicketOf(mobile, 2);
    }

    @Test
    void shouldNeverJoinNorShowAPersonsTicketToANumberTypedOnTheWebAndKeepAnsweringThemOnWhatsApp() throws Exception {
        // given: Jeanne's WhatsApp conversation
        String waId = mobileDigits();
        whatsApp(waId, "Jeanne", text("Mon imprimante ne veut plus imprimer, le voyant clignote"));
        String jeanne = awaitTicketOf("+" + waId, 1);

        // when: anybody types Jeanne's number on the web form
        HttpResponse<String> typed = post(stack.url("intake-service") + "/api/v1/requests", null,
                "{\"contact\":{\"kind\":\"WHATSAPP\",\"value\":\"+" + waId + "\"},\"description\":\"où en est ma demande\"}");
        String typedTicket = JsonPath.read(typed.body(), "$.ticketId");
        String typedToken = JsonPath.read(typed.body(), "$.trackingToken");

        // then: its link shows its own ticket, never Jeanne's words
        String page = awaitTracking(typedToken, body -> !"RECEIVED".equals(JsonPath.read(body, "$.status")));
        assertThat((String) JsonPath.read(page, "$.ticketId")).isEqualTo(typedTicket).isNotEqualTo(jeanne);
        assertThat(page).doesNotContain("imprimante");
        String jwt = stack.token(DemoAgents.SUPERVISOR);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agentView(jeanne, jwt)).contains(typedTicket));
        assertThat(agentView(jeanne, jwt)).doesNotContain("où en est ma demande");
        // and the directory keeps Jeanne's proven WhatsApp: the agent's answer still reaches her there
        claimAndReply(jeanne, jwt, "Bonjour Jeanne, éteignez l'imprimante une minute.");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateways.sentTo(waId))
                .anySatisfy(s -> assertThat(s.body()).contains("éteignez l'imprimante")));
    }

    @Test
    void shouldKeepOneConversationForMessagesOfOneSenderInTheSameSecondOnTwoTicketInstances() throws Exception {
        // given / when: a text, the red button and another text from one WhatsApp sender, within the second
        String waId = mobileDigits();
        whatsApp(waId, "Léa", text("On m'appelle en disant que c'est ma banque"));
        whatsApp(waId, "Léa", text("URGENCE"));
        whatsApp(waId, "Léa", text("ils veulent mon code de carte"));

        // then: one ticket holds the three messages, at level 3, and no second ticket opened
        String ticket = awaitTicketOf("+" + waId, 3);
        String jwt = stack.token(DemoAgents.L3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat((Integer) JsonPath.read(agentView(ticket, jwt), "$.level")).isEqualTo(3));
        List<String> ticketsWithLea = ticketsOf("+" + waId);
        assertThat(ticketsWithLea).containsExactly(ticket);
        // and both instances serve it
        for (int i = 0; i < 2; i++) {
            assertThat(get(stack.url("ticket-service", i) + "/api/v1/agent/tickets/" + ticket, jwt).statusCode()).isEqualTo(200);
        }
    }

    // --- helpers ---

    static String mobileDigits() {
        return "33612" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    static String text(String body) {
        return "{\"type\":\"text\",\"text\":{\"body\":\"" + body.replace("\"", "\\\"") + "\"}}";
    }

    /** One message posted as Meta does (signed), from this wa_id. */
    static void whatsApp(String waId, String name, String message) throws IOException, InterruptedException {
        String wamid = "wamid.E2E" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\""
                + FakeGateways.PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + (System.currentTimeMillis() / 1000)
                + "\"," + message.substring(1) + "]}}]}]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("intake-service") + "/api/v1/whatsapp/webhook"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", FakeGateways.metaSignature(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An SMS to the hotline's number, as Twilio's Messaging webhook posts it (signed against the public URL). */
    static void sms(String from, String text) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", FakeGateways.ACCOUNT_SID);
        params.put("From", from);
        params.put("To", FakeGateways.SMS_FROM);
        params.put("Body", text);
        params.put("NumMedia", "0");
        String path = "/api/v1/phone/twilio/sms";
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("intake-service") + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", FakeGateways.twilioSignature(SharedStack.PUBLIC_BASE_URL + path, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static String agentView(String ticket, String jwt) throws IOException, InterruptedException {
        HttpResponse<String> response = get(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticket, jwt);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static void claimAndReply(String ticket, String jwt, String text) throws IOException, InterruptedException {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String status = JsonPath.read(agentView(ticket, jwt), "$.status");
            assertThat(status).isIn("QUALIFIED", "REOPENED", "IN_PROGRESS");
        });
        if (!"IN_PROGRESS".equals(JsonPath.read(agentView(ticket, jwt), "$.status"))) {
            HttpResponse<String> claimed = post(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticket + "/claim", jwt, null);
            assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        }
        HttpResponse<String> replied = post(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticket + "/replies", jwt,
                "{\"text\":\"" + text.replace("\"", "\\\"") + "\"}");
        assertThat(replied.statusCode()).as(replied.body()).isEqualTo(200);
    }

    /** The tickets a supervisor finds on the three queues and in progress for this contact. */
    static List<String> ticketsOf(String contact) throws IOException, InterruptedException {
        try (var mongo = com.mongodb.client.MongoClients.create(stack.mongoUri())) {
            List<String> ids = new java.util.ArrayList<>();
            mongo.getDatabase("numi-ticket").getCollection("tickets")
                    .find(new org.bson.Document("contacts.value", contact).append("status", new org.bson.Document("$ne", null)))
                    .forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }

    /** Waits for the one ticket of this contact to hold {@code messages} messages of the person; returns its id. */
    static String awaitTicketOf(String contact, int messages) {
        String[] found = {null};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (var mongo = com.mongodb.client.MongoClients.create(stack.mongoUri())) {
                var tickets = new java.util.ArrayList<org.bson.Document>();
                mongo.getDatabase("numi-ticket").getCollection("tickets")
                        .find(new org.bson.Document("contacts.value", contact).append("status", new org.bson.Document("$ne", null)))
                        .forEach(tickets::add);
                assertThat(tickets).hasSize(1);
                long said = tickets.get(0).getList("timeline", org.bson.Document.class).stream()
                        .filter(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).count();
                assertThat(said).isEqualTo(messages);
                found[0] = tickets.get(0).getString("_id");
            }
        });
        return found[0];
    }

    static HttpResponse<byte[]> bytes(String url, String jwt) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + jwt)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
