package fr.numi.ticket.ticket.messaging;

import static fr.numi.ticket.support.TicketDriver.LIFECYCLE;
import static fr.numi.ticket.support.TicketDriver.RECEIVED;
import static fr.numi.ticket.support.TicketDriver.TRIAGED;
import static fr.numi.ticket.support.TicketDriver.about;
import static fr.numi.ticket.support.TicketDriver.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.Records;
import fr.numi.ticket.support.MongoWireServer;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * An unavailable database is not a bad record (issue 16): while MongoDB is unreachable (the proxy in front of the
 * Mongo-wire server cut: the driver's connections reset, new ones reset, a real outage as the driver sees it), a
 * request that cannot be stored is tried again, many more times than a bad record is, and never dead-lettered; once
 * MongoDB is back it becomes its ticket, once. Meanwhile an unreadable record still goes to its dead-letter topic with
 * its reason. What is asserted is what happened (retries counted, records on topics, the ticket), not how long it took.
 */
@TicketIntegrationTest
class MongoOutageIT {

    static final String RECEIVED_DLQ = RECEIVED + ".ticket-service.dlq";
    static final String TRIAGED_DLQ = TRIAGED + ".ticket-service.dlq";

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TicketDriver driver;

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
    }

    @AfterEach
    void mongoBack() {
        MongoWireServer.outage().restore();
    }

    /** The retries counted while a dependency was unavailable, for one input. */
    double dependencyRetries(String binding) {
        return meters.find("numi.consumer.dependency.retries").tag("binding", binding).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void shouldKeepARequestUntilMongoDbIsBackThenOpenItsTicketOnceWhileABadRecordIsStillDeadLettered() {
        // given: MongoDB unreachable
        Request request = TicketDriver.newRequest();
        double before = dependencyRetries("requestReceived-in-0");
        MongoWireServer.outage().cut();

        // when: a request arrives
        driver.sendReceived(request, false);

        // then: it is tried again more often than a bad record ever is (3 attempts), and is not dead-lettered
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> dependencyRetries("requestReceived-in-0") >= before + 3);
        assertThat(Records.readAll(brokers, RECEIVED_DLQ, about(request))).isEmpty();

        // and meanwhile an unreadable record on another input still goes to its dead-letter topic, with the reason
        String badTicket = Records.newTicketId();
        String marker = "broken-" + badTicket;
        Records.send(brokers, TRIAGED, request.customerId(), marker, "/numi/triage-service", "fr.numi.triage.request-triaged.v1",
                badTicket, "{not json".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, TRIAGED_DLQ, r -> marker.equals(Records.header(r, "ce_id")));
        assertThat(Records.header(dead, "x-exception-message")).contains("unreadable " + TRIAGED + " record");
        assertThat(Records.header(dead, "x-original-topic")).isEqualTo(TRIAGED);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");

        // and the request is still waiting, not dead-lettered
        assertThat(MongoWireServer.outage().isCut()).isTrue();
        assertThat(Records.readAll(brokers, RECEIVED_DLQ, about(request))).isEmpty();

        // when: MongoDB is back
        MongoWireServer.outage().restore();

        // then: the request is its ticket, opened once, and never went to the dead-letter topic
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> driver.storedTicketOrNull(request.ticketId()) != null);
        driver.awaitStatus(request.token(), "RECEIVED").jsonPath("$.ticketId").isEqualTo(request.ticketId());
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-received"), 1);
        assertThat(Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-received"))).hasSize(1);
        assertThat(Records.readAll(brokers, RECEIVED_DLQ, about(request))).isEmpty();
    }
}
