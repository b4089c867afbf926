package fr.numi.triage.qualification.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.contracts.testing.Records;
import fr.numi.triage.support.TriageIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Retention of triage's decisions (docs/privacy.md "Retention") on the embedded Mongo-wire server, which accepts the TTL
 * index but never expires anything: the retention job (every half second here) deletes a decision, with the person's
 * words, once {@code numi.triage.decision-retention} has passed, and not before; the person's contact history too.
 */
@TriageIntegrationTest
@TestPropertySource(properties = {
    // Its own database: the job purges with a retention of seconds or hours, and the Mongo-wire server is shared by
    // every test context of the JVM.
    "spring.mongodb.database=retention-it",
    "numi.triage.decision-retention=8s",
    "numi.retention.purge-every=500ms",
    "numi.retention.first-purge-after=0s",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class DecisionRetentionIT {

    static final String REQUESTS = "intake.request-received.v1";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldDeleteADecisionWithThePersonsWordsOnceItsRetentionHasPassed() {
        // given: a decision archived with the person's words
        String requestId = publishRequest("Mon imprimante ne marche plus depuis la mise à jour");
        await().atMost(Duration.ofSeconds(30)).until(() -> find(requestId) != null && history() != null);
        assertThat(find(requestId).getString("text")).contains("imprimante");

        // then: kept while it is younger than its retention (the job runs every 500 ms meanwhile)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> find(requestId) != null);

        // and deleted once it is older, and the person's contact history with it
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> find(requestId) == null);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> history() == null);
    }

    private Document history() {
        String customerId = json.readTree(Contracts.example(REQUESTS)).get("customerId").asString();
        return mongo.findById(customerId, Document.class, MongoContactHistory.COLLECTION).block(Duration.ofSeconds(5));
    }

    private Document find(String requestId) {
        return mongo.findById(requestId, Document.class, MongoDecisionArchive.COLLECTION).block(Duration.ofSeconds(5));
    }

    private String publishRequest(String text) {
        String ticketId = Records.newTicketId();
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
}
