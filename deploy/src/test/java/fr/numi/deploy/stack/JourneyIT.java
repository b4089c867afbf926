package fr.numi.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fr.numi.deploy.identity.DemoAgents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hotline's journeys end to end, over HTTP, on the packaged jars of the five services, a real
 * KRaft broker and the Mongo-wire server: what a hotline trying numi sees.
 */
class JourneyIT {

    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void shouldTurnAWebRequestIntoATicketOnItsLevelQueueThatThePersonCanFollow() throws Exception {
        // given / when: a person asks for help on the web
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null, """
                {"name":"Jeanne","contact":{"kind":"PHONE","value":"06 12 34 56 78"},
                 "description":"Bonjour, mon imprimante ne veut plus imprimer depuis hier, le voyant clignote en orange."}""");

        // then: 202 with a reference and a private tracking link
        assertThat(accepted.statusCode()).isEqualTo(202);
        String ticketId = JsonPath.read(accepted.body(), "$.ticketId");
        String token = JsonPath.read(accepted.body(), "$.trackingToken");

        // and the person sees it qualified, in plain French
        String view = awaitTracking(token, body -> "QUALIFIED".equals(JsonPath.read(body, "$.status")));
        int level = JsonPath.read(view, "$.level");
        assertThat((String) JsonPath.read(view, "$.nextStep")).isNotBlank();

        // and the ticket waits on its level's queue, and the lifecycle was announced
        assertThat(records("ticket.queue-level-" + level + ".v1", ticketId, 1)).hasSize(1);
        assertThat(records("ticket.lifecycle.v1", ticketId, 2)).extracting(r -> header(r, "ce_type"))
                .contains("fr.numi.ticket.ticket-received.v1", "fr.numi.ticket.ticket-qualified.v1");

        // and an agent of that level reads what Jeanne wrote, her name and her number (typed, so not proven)
        String jwt = stack.token(DemoAgents.valueOf("L" + level));
        String agentView = get(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticketId, jwt).body();
        assertThat((String) JsonPath.read(agentView, "$.person.name")).isEqualTo("Jeanne");
        assertThat((String) JsonPath.read(agentView, "$.person.contacts[0].value")).isEqualTo("+33612345678");
        assertThat((Boolean) JsonPath.read(agentView, "$.person.contacts[0].proven")).isFalse();
        assertThat(agentView).contains("mon imprimante ne veut plus imprimer depuis hier");
        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            Document stored = mongo.getDatabase("numi-ticket").getCollection("tickets").find(new Document("_id", ticketId)).first();
            assertThat(stored).isNotNull();
            assertThat(stored.getString("customerId")).startsWith("cus_");
        }
    }

    @Test
    void shouldTakeARedButtonRequestToLevel3WithTheFirstInstructionsAtOnce() throws Exception {
        // given / when: the red button, from the web
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null, """
                {"contact":{"kind":"EMAIL","value":"paul@example.org"},"redButton":true,
                 "description":"Un faux technicien Microsoft a pris le controle de mon ordinateur et me demande de payer."}""");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String ticketId = JsonPath.read(accepted.body(), "$.ticketId");
        String token = JsonPath.read(accepted.body(), "$.trackingToken");
        // the answer itself says what to do, before the request has crossed the pipeline
        List<String> atOnce = JsonPath.read(accepted.body(), "$.firstInstructions.lines");
        assertThat(atOnce).isNotEmpty();

        // then: urgence cyber, level 3, the first instructions on the person's page
        String view = awaitTracking(token, body -> Boolean.TRUE.equals(JsonPath.read(body, "$.cyberUrgency"))
                && JsonPath.read(body, "$.firstInstructions") != null);
        assertThat((Integer) JsonPath.read(view, "$.level")).isEqualTo(3);
        List<String> lines = JsonPath.read(view, "$.firstInstructions.lines");
        assertThat(lines).isNotEmpty();

        // and it is on the level-3 queue at the head (priority 100)
        List<ConsumerRecord<String, byte[]>> queued = records("ticket.queue-level-3.v1", ticketId, 1);
        assertThat(new String(queued.get(queued.size() - 1).value(), StandardCharsets.UTF_8)).contains("\"priority\":100");
        assertThat(records("urgency.cyber-urgency-declared.v1", ticketId, 1)).hasSize(1);
    }

    @Test
    void shouldLetALevel3AgentClaimAndResolveWhileThePersonFollows() throws Exception {
        // given: a request and a level-3 agent signed in
        HttpResponse<String> accepted = post(stack.url("intake-service") + "/api/v1/requests", null, """
                {"contact":{"kind":"EMAIL","value":"marc@example.org"},
                 "description":"Mon compte Facebook a été piraté ce matin, je ne peux plus me connecter et des messages bizarres partent."}""");
        String ticketId = JsonPath.read(accepted.body(), "$.ticketId");
        String token = JsonPath.read(accepted.body(), "$.trackingToken");
        String qualified = awaitTracking(token, body -> !"RECEIVED".equals(JsonPath.read(body, "$.status")));
        int level = JsonPath.read(qualified, "$.level");
        String jwt = stack.token(DemoAgents.L3);

        // when
        HttpResponse<String> claimed = post(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticketId + "/claim", jwt, null);
        HttpResponse<String> resolved = post(stack.url("ticket-service") + "/api/v1/agent/tickets/" + ticketId + "/resolve", jwt,
                "{\"text\":\"Mot de passe changé et double authentification activée.\"}");

        // then
        assertThat(level).isBetween(2, 3);
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(resolved.statusCode()).isEqualTo(200);
        awaitTracking(token, body -> "RESOLVED".equals(JsonPath.read(body, "$.status")));
        // (whether "received"/"qualified" messages come depends on whether triage's cyber decision or
        // the urgency it set off reached the ticket first; the agent's steps always reach the person)
        assertThat(records("ticket.notification-requested.v1", ticketId, 2,
                        r -> new String(r.value(), StandardCharsets.UTF_8).matches("(?s).*\"kind\":\"(TICKET_CLAIMED|TICKET_RESOLVED)\".*")))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anyMatch(body -> body.contains("TICKET_CLAIMED"))
                .anyMatch(body -> body.contains("TICKET_RESOLVED"));
    }

    // --- helpers ---

    static HttpResponse<String> post(String url, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String awaitTracking(String token, Predicate<String> condition) {
        String[] last = {null};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(stack.url("ticket-service") + "/api/v1/tracking/" + token)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last[0] = response.body();
            return response.statusCode() == 200 && condition.test(response.body());
        });
        return last[0];
    }

    static List<ConsumerRecord<String, byte[]>> records(String topic, String ticketId, int count) {
        return records(topic, ticketId, count, r -> true);
    }

    static List<ConsumerRecord<String, byte[]>> records(
            String topic, String ticketId, int count, Predicate<ConsumerRecord<String, byte[]>> also) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if ((ticketId.equals(header(record, "ce_subject")) || ticketId.equals(record.key())) && also.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        assertThat(found).as(count + " record(s) about " + ticketId + " on " + topic).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
