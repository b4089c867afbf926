package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import fr.numi.contracts.testing.Records;
import static fr.numi.contracts.testing.Records.header;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.triage.support.TriageIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A real record in, a real decision out, on a real broker; what cannot be read goes to the dead-letter topic. */
@TriageIntegrationTest
class RequestTriagedIT {

    static final String IN = "intake.request-received.v1";
    static final String OUT = "triage.request-triaged.v1";
    static final String DLQ = "intake.request-received.v1.triage-service.dlq";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    @Test
    void shouldPublishAContractValidDecisionWhenARequestIsReceived() {
        // given
        String ticketId = Records.newTicketId();
        String requestId = publishRequest(ticketId, false);

        // when
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, OUT, r -> ticketId.equals(header(r, "ce_subject")));

        // then
        assertThat(Contracts.headerViolations(OUT, Records.rawHeaders(record))).isEmpty();
        assertThat(Contracts.bodyViolations(OUT, record.value())).isEmpty();
        JsonNode decision = SealedRecords.open(record, customerKeys);
        assertThat(record.key()).isEqualTo(decision.get("customerId").asString());
        assertThat(header(record, "ce_id")).isEqualTo("triage-" + requestId);
        assertThat(header(record, "ce_source")).isEqualTo("/numi/triage-service");
        assertThat(header(record, "ce_type")).isEqualTo("fr.numi.triage.request-triaged.v1");
        assertThat(decision.get("requestId").asString()).isEqualTo(requestId);
        assertThat(decision.get("category").asString()).isEqualTo("printing");
        assertThat(decision.get("level").asInt()).isEqualTo(2);
        assertThat(decision.get("cyber").asBoolean()).isFalse();
        assertThat(decision.get("cyberTier").asString()).isEqualTo("NONE");
        assertThat(decision.get("needsReview").asBoolean()).isFalse();
        assertThat(decision.get("modelVersion").asString()).startsWith("triage-model-");
    }

    @Test
    void shouldPublishALevel3CriticalCyberDecisionWhenThePersonPressedTheRedButton() {
        // given
        String ticketId = Records.newTicketId();
        publishRequest(ticketId, true);

        // when
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, OUT, r -> ticketId.equals(header(r, "ce_subject")));

        // then
        assertThat(Contracts.bodyViolations(OUT, record.value())).isEmpty();
        JsonNode decision = SealedRecords.open(record, customerKeys);
        assertThat(decision.get("level").asInt()).isEqualTo(3);
        assertThat(decision.get("urgency").asString()).isEqualTo("CRITICAL");
        assertThat(decision.get("cyber").asBoolean()).isTrue();
        assertThat(decision.get("cyberTier").asString()).isEqualTo("EMERGENCY");
        assertThat(decision.get("reasons").get(0).get("signal").asString()).isEqualTo("red-button");
    }

    @Test
    void shouldDeadLetterAnUnreadableRecordWithTheReasonAndGoOnWithTheNext() {
        // given
        String badKey = "bad-" + UUID.randomUUID();
        Records.send(brokers, IN, badKey, "{ this is not json".getBytes(StandardCharsets.UTF_8),
                Records.cloudEvent("web-" + UUID.randomUUID(), "/numi/intake-service", "fr.numi.intake.request-received.v1", null));
        String nextTicket = Records.newTicketId();
        publishRequest(nextTicket, false);

        // when
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, DLQ, r -> badKey.equals(r.key()));

        // then
        assertThat(header(dead, "x-exception-message")).contains("unreadable intake.request-received.v1 record");
        assertThat(header(dead, "x-original-topic")).isEqualTo(IN);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{ this is not json");
        assertThat(Records.awaitRecord(brokers, OUT, r -> nextTicket.equals(header(r, "ce_subject")))).isNotNull();
    }

    @Test
    void shouldDeadLetterARequestWithoutItsEventIdNamingTheAttribute() {
        // given a request written without ce_id
        String badKey = "no-id-" + UUID.randomUUID();
        Map<String, String> headers = Records.cloudEvent("unused", "/numi/intake-service", "fr.numi.intake.request-received.v1", null);
        headers.remove("ce_id");
        Records.send(brokers, IN, badKey, Contracts.example(IN), headers);

        // when
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, DLQ, r -> badKey.equals(r.key()));

        // then
        assertThat(header(dead, "x-exception-message")).contains("intake.request-received.v1 record without ce_id");
        assertThat(header(dead, "x-original-topic")).isEqualTo(IN);
    }

    @Test
    void shouldKeepLevel3WhenAFollowUpOnTheSameTicketSoundsHarmless() {
        // given a first message on the ticket that is a cyber emergency
        String customerId = newCustomerId();
        String ticketId = Records.newTicketId();
        publish(ticketId, customerId, "Un faux conseiller m'a fait faire un virement de 2000 euros");
        Records.awaitRecord(brokers, OUT, r -> ticketId.equals(header(r, "ce_subject")));

        // when a harmless follow-up arrives on the same ticket
        String followUp = publish(ticketId, customerId, "merci, et sinon mon imprimante ne marche plus");
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, OUT, r -> ("triage-" + followUp).equals(header(r, "ce_id")));

        // then
        assertThat(Contracts.bodyViolations(OUT, record.value())).isEmpty();
        JsonNode decision = SealedRecords.open(record, customerKeys);
        assertThat(decision.get("level").asInt()).isEqualTo(3);
        assertThat(decision.get("cyber").asBoolean()).isTrue();
        assertThat(signals(decision)).contains("follow-up:level-kept");
    }

    @Test
    void shouldRaiseUrgencyWhenTheSamePersonWritesAgainAndAgain() {
        // given two earlier contacts from one person, on other tickets
        String customerId = newCustomerId();
        for (int i = 0; i < 2; i++) {
            String ticketId = Records.newTicketId();
            publish(ticketId, customerId, "mon imprimante ne marche plus");
            Records.awaitRecord(brokers, OUT, r -> ticketId.equals(header(r, "ce_subject")));
        }

        // when
        String third = publish(Records.newTicketId(), customerId, "mon imprimante ne marche plus");
        ConsumerRecord<String, byte[]> record = Records.awaitRecord(brokers, OUT, r -> ("triage-" + third).equals(header(r, "ce_id")));

        // then
        JsonNode decision = SealedRecords.open(record, customerKeys);
        assertThat(decision.get("urgency").asString()).isEqualTo("HIGH");
        assertThat(signals(decision)).contains("repeat-contact");
    }

    private static java.util.List<String> signals(JsonNode decision) {
        java.util.List<String> signals = new java.util.ArrayList<>();
        decision.get("reasons").forEach(r -> signals.add(r.get("signal").asString()));
        return signals;
    }

    private static String newCustomerId() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Publishes a request with the given words on a given ticket, from a given person; returns the request id. */
    private String publish(String ticketId, String customerId, String text) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(IN));
        String requestId = "web-" + UUID.randomUUID();
        event.put("requestId", requestId);
        event.put("ticketId", ticketId);
        event.put("customerId", customerId);
        event.put("text", text);
        event.putNull("subject");
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(IN, body)).isEmpty();
        Records.send(brokers, IN, customerId, body,
                Records.cloudEvent(requestId, "/numi/intake-service", "fr.numi.intake.request-received.v1", ticketId));
        return requestId;
    }

    /** Publishes the contract example as intake would, with a fresh ticket and request id; returns the request id. */
    private String publishRequest(String ticketId, boolean redButton) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(IN));
        String requestId = "web-" + UUID.randomUUID();
        event.put("requestId", requestId);
        event.put("ticketId", ticketId);
        event.put("redButton", redButton);
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(IN, body)).isEmpty();
        Records.send(brokers, IN, event.get("customerId").asString(), body,
                Records.cloudEvent(requestId, "/numi/intake-service", "fr.numi.intake.request-received.v1", ticketId));
        return requestId;
    }
}
