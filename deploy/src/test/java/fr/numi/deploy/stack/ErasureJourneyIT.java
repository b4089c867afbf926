package fr.numi.deploy.stack;

import static fr.numi.deploy.stack.ConversationIT.agentView;
import static fr.numi.deploy.stack.ConversationIT.awaitTicketOf;
import static fr.numi.deploy.stack.ConversationIT.claimAndReply;
import static fr.numi.deploy.stack.ConversationIT.text;
import static fr.numi.deploy.stack.ConversationIT.whatsApp;
import static fr.numi.deploy.stack.JourneyIT.awaitTracking;
import static fr.numi.deploy.stack.JourneyIT.get;
import static fr.numi.deploy.stack.JourneyIT.post;
import static fr.numi.deploy.stack.PersonalDataOnDiskIT.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fr.numi.deploy.identity.DemoAgents;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's erasure, end to end on the shared local stack: a person writes on WhatsApp and on the web form with one
 * number, an agent answers, the web ticket is resolved and rated; the DPO's export holds their number and words;
 * feedback-service is killed (SIGKILL) and the DPO erases them meanwhile: the erasure waits for it, and completes once it
 * is started again;
 * then no API (tracking, the agents' ticket views, urgency, intake's outbox, the export) returns their number or words,
 * and the KPIs still count the rated ticket.
 */
class ErasureJourneyIT {

    static final Duration WAIT = Duration.ofSeconds(120);

    static LocalStack stack;
    static FakeGateways gateways;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        gateways = SharedStack.gateways();
        ConversationIT.stack = stack;
        ConversationIT.gateways = gateways;
        JourneyIT.stack = stack;
    }

    @Test
    void shouldEraseThePersonFromEveryApiKeepTheKpisAndCompleteDespiteACrash() throws Exception {
        String supervisor = stack.token(DemoAgents.SUPERVISOR);
        String dpo = stack.token(DemoAgents.DPO);
        String national = "6" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String waId = "33" + national;
        String whatsAppWord = "Cornichon" + word();
        String webWord = "Galipette" + word();
        String replyWord = "Lutin" + word();
        String[] personal = {national, whatsAppWord, webWord, replyWord};

        // given: they write on WhatsApp, an agent answers them there
        whatsApp(waId, "Octave", text("Bonjour, ma tablette affiche " + whatsAppWord + " en boucle"));
        String whatsAppTicket = awaitTicketOf("+" + waId, 1);
        claimAndReply(whatsAppTicket, supervisor, "Bonjour, maintenez le bouton " + replyWord + " appuyé.");
        // and they write on the web form with the same number; that ticket is answered, resolved, confirmed and rated
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null,
                "{\"name\":\"Octave\",\"contact\":{\"kind\":\"PHONE\",\"value\":\"+" + waId + "\"},"
                        + "\"description\":\"Mon ordinateur affiche " + webWord + " au démarrage, que faire ?\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String webTicket = JsonPath.read(accepted.body(), "$.ticketId");
        String trackingToken = JsonPath.read(accepted.body(), "$.trackingToken");
        awaitTracking(trackingToken, body -> !"RECEIVED".equals(JsonPath.read(body, "$.status")));
        claimAndReply(webTicket, supervisor, "Redémarrez en maintenant " + replyWord + ".");
        assertThat(post(stack.url("ticket-service") + "/api/v1/agent/tickets/" + webTicket + "/resolve", supervisor,
                "{\"text\":\"Redémarrage fait.\"}").statusCode()).isEqualTo(200);
        awaitTracking(trackingToken, body -> "RESOLVED".equals(JsonPath.read(body, "$.status")));
        assertThat(post(stack.url("ticket-service") + "/api/v1/tracking/" + trackingToken + "/resolution", null, "{\"solved\":true}")
                .statusCode()).isBetween(200, 299);
        HttpResponse<String> rated = post(stack.url("intake-service") + "/api/v1/feedback", null,
                "{\"ticketId\":\"" + webTicket + "\",\"trackingToken\":\"" + trackingToken + "\",\"rating\":5}");
        assertThat(rated.statusCode()).as(rated.body()).isBetween(200, 299);
        await().atMost(WAIT).until(() -> kpis(webTicket) != null && kpis(webTicket).get("kpis", Document.class).get("rating") != null);
        String customerId = kpis(webTicket).get("kpis", Document.class).getString("customerId");
        assertThat(customerId).startsWith("cus_");
        int ratingsBefore = JsonPath.read(kpiReport(supervisor), "$.satisfaction.ratings");

        // and the DPO's export, asked by their number, holds their number and words, from every service
        HttpResponse<String> byNumber = post(stack.url("intake-service") + "/api/v1/privacy/exports", dpo,
                "{\"contact\":{\"kind\":\"PHONE\",\"value\":\"+" + waId + "\"}}");
        assertThat(byNumber.statusCode()).as(byNumber.body()).isEqualTo(200);
        String before = byNumber.body();
        assertThat((String) JsonPath.read(before, "$.customerId")).isEqualTo(customerId);
        assertThat((List<String>) JsonPath.read(before, "$.services[*].service"))
                .containsExactly("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
        assertThat(before).contains(national, whatsAppWord, webWord, replyWord, webTicket, whatsAppTicket);

        // when: feedback-service is killed (SIGKILL), and while it is down the DPO erases the person by their number
        String[] location = {null};
        stack.crashAndRestart("feedback-service", () -> {
            try {
                HttpResponse<String> erasure = post(stack.url("intake-service") + "/api/v1/privacy/erasures", dpo,
                        "{\"contact\":{\"kind\":\"PHONE\",\"value\":\"+" + waId + "\"}}");
                assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(202);
                assertThat((String) JsonPath.read(erasure.body(), "$.customerId")).isEqualTo(customerId);
                location[0] = stack.url("intake-service") + erasure.headers().firstValue("Location").orElseThrow();
                // the four services that are up do their part; feedback-service's waits for it
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    String status = get(location[0], dpo).body();
                    assertThat((List<String>) JsonPath.read(status, "$.services[?(@.status == 'COMPLETED')].service"))
                            .as(status).containsExactlyInAnyOrder("intake-service", "triage-service", "ticket-service", "urgency-service");
                    assertThat((String) JsonPath.read(status, "$.status")).isEqualTo("PENDING");
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        // then: it completes, every service having done its part
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String status = get(location[0], dpo).body();
            assertThat((String) JsonPath.read(status, "$.status")).as(status).isEqualTo("COMPLETED");
            assertThat((List<String>) JsonPath.read(status, "$.services[*].status")).hasSize(5).containsOnly("COMPLETED");
        });
        // the tracking link leads nowhere
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get(stack.url("ticket-service") + "/api/v1/tracking/" + trackingToken, null).statusCode()).isEqualTo(404));
        // the agents still see both tickets, without the person (on either instance of ticket-service)
        for (int instance = 0; instance < 2; instance++) {
            for (String ticket : List.of(whatsAppTicket, webTicket)) {
                HttpResponse<String> view = get(stack.url("ticket-service", instance) + "/api/v1/agent/tickets/" + ticket, supervisor);
                assertThat(view.statusCode()).isEqualTo(200);
                assertThat(view.body()).doesNotContain(personal).doesNotContain("Octave");
            }
        }
        assertThat(agentView(webTicket, supervisor)).contains(webTicket);
        // nor does urgency-service, intake's outbox or the export
        for (String ticket : List.of(whatsAppTicket, webTicket)) {
            assertThat(get(stack.url("urgency-service") + "/api/v1/urgencies/" + ticket, supervisor).body()).doesNotContain(personal);
            assertThat(get(stack.url("intake-service") + "/api/v1/outbox?ticketId=" + ticket, supervisor).body()).doesNotContain(personal);
        }
        String after = export(customerId, dpo);
        assertThat(after).doesNotContain(personal).doesNotContain("Octave").doesNotContain(webTicket).doesNotContain(whatsAppTicket);
        // and the KPIs still count the rated ticket, without the person
        Document kept = kpis(webTicket);
        assertThat(kept).isNotNull();
        assertThat(kept.get("kpis", Document.class).getString("customerId")).isEqualTo("cus_00000000000000000000000000000000");
        assertThat(kept.get("kpis", Document.class).get("rating", Document.class).getInteger("stars")).isEqualTo(5);
        assertThat((Integer) JsonPath.read(kpiReport(supervisor), "$.satisfaction.ratings")).isGreaterThanOrEqualTo(ratingsBefore);
    }

    static String export(String customerId, String dpo) throws Exception {
        HttpResponse<String> export = get(stack.url("intake-service") + "/api/v1/privacy/customers/" + customerId, dpo);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return export.body();
    }

    static String kpiReport(String supervisor) throws Exception {
        HttpResponse<String> report = get(stack.url("feedback-service") + "/api/v1/kpis", supervisor);
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        return report.body();
    }

    static Document kpis(String ticketId) {
        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            return mongo.getDatabase("numi-feedback").getCollection("kpi_tickets").find(new Document("_id", ticketId)).first();
        }
    }
}
