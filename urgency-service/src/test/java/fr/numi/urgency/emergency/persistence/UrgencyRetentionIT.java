package fr.numi.urgency.emergency.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.retention.RetentionJob;
import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.Flow.Person;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;

/**
 * urgency-service's retention (docs/privacy.md "Retention"), both kinds kept one hour: when the service's retention job
 * runs, an urgency triggered two hours ago goes with its ticket's sighting and its delivery report; one triggered now
 * stays, with its own.
 */
@UrgencyIntegrationTest
@TestPropertySource(properties = {
    // Its own database: the job purges with a retention of seconds or hours, and the Mongo-wire server is shared by
    // every test context of the JVM.
    "spring.mongodb.database=retention-it",
    "numi.retention.urgencies=1h",
    "numi.retention.deliveries=1h",
    // The job runs when the test says (runOnce), not on its own before the old urgency is all written.
    "numi.retention.purge-every=1h",
    "numi.retention.first-purge-after=1h",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class UrgencyRetentionIT {

    @Autowired
    CustomerKeys customerKeys;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    RetentionJob job;

    Flow flow;

    @BeforeEach
    void setUp() {
        flow = new Flow(brokers, port, customerKeys);
    }

    /** A red button at {@code at}, declared, and intake's report that its instructions could not be delivered. */
    Person urgencyAt(Instant at) {
        flow.eventTime = at;
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, "Un faux conseiller de ma banque m'a fait faire un virement.");
        flow.declared(person.ticketId(), 1);
        String notificationId = person.ticketId() + ":urgency:CYBER_INSTRUCTIONS:r1";
        flow.deliveryStatus(person, notificationId, "CYBER_INSTRUCTIONS", "DELIVERED", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> find("delivery_reports", notificationId) != null);
        return person;
    }

    @Test
    void shouldPurgeAnUrgencyItsSightingAndItsDeliveryReportOnceTheirRetentionHasPassed() {
        // given: an urgency triggered two hours ago, and one now
        Person old = urgencyAt(Instant.now().minus(Duration.ofHours(2)));
        Person recent = urgencyAt(Instant.now());

        assertThat(find("urgencies", old.ticketId())).isNotNull();
        assertThat(find("ticket_sightings", old.ticketId())).isNotNull();

        // when: the retention job runs
        var purged = job.runOnce();

        // then: the old one goes with everything about it
        assertThat(purged).get().satisfies(counts -> assertThat(counts).containsOnlyKeys("urgencies", "ticket-sightings", "delivery-reports"));
        assertThat(find("urgencies", old.ticketId())).isNull();
        assertThat(find("ticket_sightings", old.ticketId())).isNull();
        assertThat(find("delivery_reports", old.ticketId() + ":urgency:CYBER_INSTRUCTIONS:r1")).isNull();
        // and the recent one stays
        assertThat(find("urgencies", recent.ticketId())).isNotNull();
        assertThat(find("ticket_sightings", recent.ticketId())).isNotNull();
        assertThat(find("delivery_reports", recent.ticketId() + ":urgency:CYBER_INSTRUCTIONS:r1")).isNotNull();
    }

    private Document find(String collection, String id) {
        return mongo.getCollection(collection).flatMap(c -> Mono.from(c.find(new Document("_id", id)).first()))
                .block(Duration.ofSeconds(5));
    }
}
