package fr.numi.triage.qualification.messaging;

import static fr.numi.contracts.testing.Records.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoDatabase;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.triage.corpus.CorrectionsExport;
import fr.numi.triage.qualification.persistence.MongoDecisionArchive;
import fr.numi.triage.support.TriageIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agents' corrections on a real broker and a real Mongo-wire server: a decision is archived with its words, the
 * ticket-service event labels it, the export turns it into a corpus line; what cannot be read is dead-lettered.
 */
@TriageIntegrationTest
class TriageCorrectedIT {

    static final String REQUESTS = "intake.request-received.v1";
    static final String DECISIONS = "triage.request-triaged.v1";
    static final String CORRECTIONS = "ticket.triage-corrected.v1";
    static final String DLQ = "ticket.triage-corrected.v1.triage-service.dlq";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldArchiveTheDecisionWithItsWordsAndLabelItWhenAnAgentCorrectsIt() {
        // given a request triage decided on
        String ticketId = Records.newTicketId();
        String requestId = publishRequest(ticketId, "Bonjour, mon imprimante n'imprime plus depuis hier, le voyant clignote.");
        Records.awaitRecord(brokers, DECISIONS, r -> ("triage-" + requestId).equals(header(r, "ce_id")));
        Document archived = awaitDecision(requestId);
        assertThat(archived.getString("text")).contains("imprimante");
        assertThat(archived.get("decision", Document.class).getString("cyberTier")).isEqualTo("NONE");

        // when an agent says it was a suspected scam
        publishCorrection(ticketId, requestId, "corr-" + UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), 3, "scam", "SUSPECTED");

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Document correction = find(requestId).get("correction", Document.class);
            assertThat(correction).isNotNull();
            assertThat(correction.getInteger("level")).isEqualTo(3);
            assertThat(correction.getString("category")).isEqualTo("scam");
            assertThat(correction.getString("cyberTier")).isEqualTo("SUSPECTED");
            assertThat(correction.getString("agentId")).isEqualTo("alice");
        });
        String line = CorrectionsExport.lines(database(), Duration.ofSeconds(10)).stream()
                .filter(l -> l.contains(requestId)).findFirst().orElseThrow();
        JsonNode exported = json.readTree(line);
        assertThat(exported.get("corrected").asBoolean()).isTrue();
        assertThat(exported.get("text").asString()).contains("imprimante");
        assertThat(exported.get("expected").get("level").asInt()).isEqualTo(3);
        assertThat(exported.get("expected").get("cyber").asBoolean()).isTrue();
        assertThat(exported.get("expected").get("cyberTier").asString()).isEqualTo("SUSPECTED");
        assertThat(exported.get("triage").get("category").asString()).isEqualTo("printing");
    }

    @Test
    void shouldKeepTheLatestCorrectionWhenAnOlderOneArrivesLateAndIgnoreRequestsItNeverSaw() {
        // given a decision corrected at 10:00
        String ticketId = Records.newTicketId();
        String requestId = publishRequest(ticketId, "Mon téléphone ne s'allume plus depuis ce matin.");
        awaitDecision(requestId);
        publishCorrection(ticketId, requestId, "corr-late", Instant.parse("2026-11-26T10:00:00Z"), 2, "device", "NONE");
        await().atMost(Duration.ofSeconds(30)).until(() -> find(requestId).get("correction") != null);

        // when an older correction (09:00) arrives afterwards, naming also a request triage never saw
        String older = "corr-" + UUID.randomUUID();
        publishCorrection(ticketId, List.of(requestId, "web-unknown-" + UUID.randomUUID()), older,
                Instant.parse("2026-11-26T09:00:00Z"), 1, null, "NONE");
        // and then a newer one (11:00) that leaves the category unchanged
        String newer = "corr-" + UUID.randomUUID();
        publishCorrection(ticketId, List.of(requestId), newer, Instant.parse("2026-11-26T11:00:00Z"), 3, null, "EMERGENCY");

        // then the 11:00 one wins, with triage's category kept
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Document correction = find(requestId).get("correction", Document.class);
            assertThat(correction.getString("correctionId")).isEqualTo(newer);
            assertThat(correction.getString("category")).isEqualTo("device");
            assertThat(correction.getString("cyberTier")).isEqualTo("EMERGENCY");
        });
    }

    @Test
    void shouldDeadLetterACorrectionItCannotReadWithTheReason() {
        // given
        String key = Records.newTicketId();
        Records.send(brokers, CORRECTIONS, key, "{\"correctionId\": \"c1\", \"requestIds\": []}".getBytes(StandardCharsets.UTF_8),
                Records.cloudEvent("c1", "/numi/ticket-service", "fr.numi.ticket.triage-corrected.v1", key));

        // when
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, DLQ, r -> key.equals(r.key()));

        // then
        assertThat(header(dead, "x-exception-message")).contains("ticket.triage-corrected.v1 record without", "ticketId", "requestIds");
        assertThat(header(dead, "x-original-topic")).isEqualTo(CORRECTIONS);
    }

    @Test
    void shouldDeleteDecisionsAfterTheirRetentionWithATtlIndex() {
        List<IndexInfo> indexes = mongo.indexOps(MongoDecisionArchive.COLLECTION).getIndexInfo().collectList().block(Duration.ofSeconds(10));

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo("decidedAt_ttl");
            assertThat(index.getExpireAfter()).contains(Duration.ofDays(180));
        });
    }

    @Test
    void shouldReadTheContractExampleOfTheCorrectionEvent() {
        // given the contract example, for a request triage never saw
        byte[] example = Contracts.example(CORRECTIONS);
        JsonNode node = json.readTree(example);

        // when
        Records.send(brokers, CORRECTIONS, node.get("ticketId").asString(), example,
                Records.cloudEvent(node.get("correctionId").asString(), "/numi/ticket-service", "fr.numi.ticket.triage-corrected.v1",
                        node.get("ticketId").asString()));
        String ticketId = Records.newTicketId();
        String requestId = publishRequest(ticketId, "Mon imprimante ne marche plus");
        awaitDecision(requestId);
        publishCorrection(ticketId, requestId, "corr-" + UUID.randomUUID(), Instant.now(), 2, "printing", "NONE");

        // then the example did not block the partition: the next correction is applied
        await().atMost(Duration.ofSeconds(30)).until(() -> find(requestId).get("correction") != null);
    }

    private Document awaitDecision(String requestId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(requestId) != null);
        return find(requestId);
    }

    private Document find(String requestId) {
        return mongo.findById(requestId, Document.class, MongoDecisionArchive.COLLECTION).block(Duration.ofSeconds(5));
    }

    private MongoDatabase database() {
        return mongo.getMongoDatabase().block(Duration.ofSeconds(5));
    }

    private String publishRequest(String ticketId, String text) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(REQUESTS));
        String requestId = "web-" + UUID.randomUUID();
        event.put("requestId", requestId);
        event.put("ticketId", ticketId);
        event.put("text", text);
        event.putNull("subject");
        Records.send(brokers, REQUESTS, event.get("customerId").asString(), json.writeValueAsBytes(event),
                Records.cloudEvent(requestId, "/numi/intake-service", "fr.numi.intake.request-received.v1", ticketId));
        return requestId;
    }

    private void publishCorrection(String ticketId, String requestId, String correctionId, Instant at, int level, String category,
            String tier) {
        publishCorrection(ticketId, List.of(requestId), correctionId, at, level, category, tier);
    }

    private void publishCorrection(String ticketId, List<String> requestIds, String correctionId, Instant at, int level, String category,
            String tier) {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(CORRECTIONS));
        event.put("correctionId", correctionId);
        event.put("ticketId", ticketId);
        event.set("requestIds", json.valueToTree(requestIds));
        event.put("correctedAt", at.toString());
        // « before » is what triage decided, as ticket-service knows it
        Document decided = find(requestIds.get(0)).get("decision", Document.class);
        ObjectNode before = event.putObject("before");
        before.put("level", decided.getInteger("level"));
        before.put("category", decided.getString("category"));
        before.put("cyberTier", decided.getString("cyberTier"));
        ObjectNode after = event.putObject("after");
        after.put("level", level);
        if (category == null) {
            after.putNull("category");
        } else {
            after.put("category", category);
        }
        after.put("cyberTier", tier);
        byte[] body = json.writeValueAsBytes(event);
        assertThat(Contracts.bodyViolations(CORRECTIONS, body)).isEmpty();
        Records.send(brokers, CORRECTIONS, ticketId, body,
                Records.cloudEvent(correctionId, "/numi/ticket-service", "fr.numi.ticket.triage-corrected.v1", ticketId));
    }
}
