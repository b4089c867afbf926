package fr.numi.urgency.support;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.contracts.testing.Records;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes what intake and triage would write, reads what urgency-service wrote, over the real broker and HTTP. */
public final class Flow {

    public static final String RECEIVED = "intake.request-received.v1";
    public static final String TRIAGED = "triage.request-triaged.v1";
    public static final String DECLARED = "urgency.cyber-urgency-declared.v1";
    public static final String NOTIFICATIONS = "urgency.notification-requested.v1";
    public static final String DELIVERY_STATUS = "intake.delivery-status.v1";

    private static final SecureRandom RANDOM = new SecureRandom();

    public final JsonMapper json = JsonMapper.builder().build();
    public final WebTestClient http;
    private final String brokers;

    private final CustomerKeys keys;

    /** @param keys the customers' keys: what urgency-service writes to the person is sealed with them */
    public Flow(String brokers, int port, CustomerKeys keys) {
        this.brokers = brokers;
        this.keys = keys;
        // Bounded timeout: reactor-netty #4361 can stall a keep-alive connection after an error response.
        this.http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(15)).build();
    }

    /** A fresh person with a fresh ticket. */
    public record Person(String ticketId, String customerId, String requestId) {}

    public static Person newPerson() {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        return new Person(Records.newTicketId(), "cus_" + HexFormat.of().formatHex(raw), "web-" + UUID.randomUUID());
    }

    /** intake's record for the person's request, valid against its contract. */
    public void requestReceived(Person person, String channel, boolean redButton, String text) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        event.put("requestId", person.requestId());
        event.put("ticketId", person.ticketId());
        event.put("customerId", person.customerId());
        event.put("channel", channel);
        event.put("redButton", redButton);
        event.put("text", text);
        event.putNull("subject");
        send(RECEIVED, event, person.customerId(), person.requestId(), "/numi/intake-service", "fr.numi.intake.request-received.v1",
                person.ticketId());
    }

    /** intake's red-button lane: the same body on {@code intake.red-button-pressed.v1}, written first. */
    public void redButtonPressed(Person person, String channel, String text) {
        ObjectNode event = redButtonEvent(person, channel, text);
        send("intake.red-button-pressed.v1", event, person.customerId(), person.requestId() + ":red-button", "/numi/intake-service",
                "fr.numi.intake.red-button-pressed.v1", person.ticketId());
    }

    /**
     * The red-button lane's record as an intake instance writes it when the key store does not answer and that instance
     * then dies: the person's words are sealed with a key the store never got, which only the record carries.
     */
    public void redButtonPressedByAnInstanceThatDied(Person person, String channel, String text) {
        ObjectNode event = redButtonEvent(person, channel, text);
        var record = SealedRecords.writtenByAnInstanceThatDied("/numi/intake-service", "intake.red-button-pressed.v1",
                person.customerId(), person.requestId() + ":red-button", "fr.numi.intake.red-button-pressed.v1", person.ticketId(), event);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(text);
        Records.send(brokers, record.topic(), record.key(), record.value(), SealedRecords.headers(record));
    }

    /** intake's body of the person's red button. */
    private ObjectNode redButtonEvent(Person person, String channel, String text) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        event.put("requestId", person.requestId());
        event.put("ticketId", person.ticketId());
        event.put("customerId", person.customerId());
        event.put("channel", channel);
        event.put("redButton", true);
        event.put("text", text);
        event.putNull("subject");
        return event;
    }

    /** triage's decision on the person's request, valid against its contract. */
    public void triaged(Person person, String category, boolean cyber) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TRIAGED));
        event.put("requestId", person.requestId());
        event.put("ticketId", person.ticketId());
        event.put("customerId", person.customerId());
        event.put("category", category);
        event.put("cyber", cyber);
        event.put("cyberTier", cyber ? "EMERGENCY" : "NONE");
        event.put("level", cyber ? 3 : 1);
        event.put("urgency", cyber ? "CRITICAL" : "NORMAL");
        send(TRIAGED, event, person.customerId(), "triage-" + person.requestId(), "/numi/triage-service",
                "fr.numi.triage.request-triaged.v1", person.ticketId());
    }

    /** ticket-service's record of an agent's triage correction from one cyber tier to another, valid against its contract. */
    public void triageCorrected(Person person, String agentId, String beforeTier, String afterTier, String category) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example("ticket.triage-corrected.v1"));
        String correctionId = "corr-" + UUID.randomUUID();
        event.put("correctionId", correctionId);
        event.put("ticketId", person.ticketId());
        event.put("customerId", person.customerId());
        event.putArray("requestIds").add(person.requestId());
        event.put("agentId", agentId);
        ((ObjectNode) event.get("before")).put("level", 3).put("cyberTier", beforeTier);
        ((ObjectNode) event.get("after")).put("level", 3).put("cyberTier", afterTier).put("category", category);
        send("ticket.triage-corrected.v1", event, person.ticketId(), correctionId, "/numi/ticket-service",
                "fr.numi.ticket.triage-corrected.v1", person.ticketId());
    }

    /**
     * intake's report on the person's message of this kind and revision, valid against its contract;
     * answers the status id.
     */
    public String deliveryStatus(Person person, String kind, int revision, String outcome, String reason) {
        String notificationId = person.ticketId() + ":urgency:" + kind + ":r" + revision;
        return deliveryStatus(person, notificationId, kind, outcome, reason);
    }

    /** intake's report on any notification of the person's ticket; answers the status id. */
    public String deliveryStatus(Person person, String notificationId, String kind, String outcome, String reason) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(DELIVERY_STATUS));
        String statusId = notificationId + ":" + outcome;
        event.put("statusId", statusId);
        event.put("notificationId", notificationId);
        event.put("ticketId", person.ticketId());
        event.put("customerId", person.customerId());
        event.put("kind", kind);
        event.put("outcome", outcome);
        event.put("reason", reason);
        send(DELIVERY_STATUS, event, person.ticketId(), statusId, "/numi/intake-service", "fr.numi.intake.delivery-status.v1",
                person.ticketId());
        return statusId;
    }

    /** When set, the time the records say things happened ({@code receivedAt}, {@code at}); null: their examples'. */
    public Instant eventTime;

    private void send(String topic, ObjectNode event, String key, String ceId, String source, String type, String subject) {
        if (eventTime != null) {
            for (String field : new String[] {"receivedAt", "at"}) {
                if (event.has(field)) {
                    event.put(field, eventTime.toString());
                }
            }
        }
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(topic, body)).isEmpty();
        Records.send(brokers, topic, key, body, Records.cloudEvent(ceId, source, type, subject));
    }

    /** The declared event of this revision, checked against its contract (body and raw headers). */
    public JsonNode declared(String ticketId, int revision) {
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, DECLARED,
                r -> ticketId.equals(r.key()) && ("urg-" + ticketId + ":r" + revision).equals(Records.header(r, "ce_id")));
        return checked(DECLARED, record);
    }

    /** The message for the person of this kind and revision, checked against its contract. */
    public JsonNode notification(String ticketId, String kind, int revision) {
        String id = ticketId + ":urgency:" + kind + ":r" + revision;
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, NOTIFICATIONS,
                r -> ticketId.equals(r.key()) && id.equals(Records.header(r, "ce_id")));
        return checked(NOTIFICATIONS, record);
    }

    public int count(String topic, String ticketId) {
        return Records.readAll(brokers, topic, r -> ticketId.equals(r.key())).size();
    }

    private JsonNode checked(String topic, ConsumerRecord<String, byte[]> record) {
        assertThat(Contracts.bodyViolations(topic, record.value())).isEmpty();
        assertThat(Contracts.headerViolations(topic, Records.rawHeaders(record))).isEmpty();
        assertThat(Records.header(record, "ce_subject")).isEqualTo(record.key());
        assertThat(Records.header(record, "ce_source")).isEqualTo("/numi/urgency-service");
        return SealedRecords.open(record, keys);
    }

    /** GET /api/v1/urgencies/{ticketId} as a level-3 agent. */
    public WebTestClient.ResponseSpec urgency(String ticketId) {
        return http.get().uri("/api/v1/urgencies/{id}", ticketId)
                .header("Authorization", "Bearer " + TestTokens.agent("agent-l3", "AGENT_L3"))
                .exchange();
    }

    public JsonNode urgencyBody(String ticketId) {
        byte[] body = urgency(ticketId).expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(body);
    }
}
