package fr.numi.ticket.ticket.application;

import static fr.numi.ticket.support.TicketDriver.LIFECYCLE;
import static fr.numi.ticket.support.TicketDriver.about;
import static fr.numi.ticket.support.TicketDriver.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.Records;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.support.BrokerRefusals;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.OtherInstance;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import fr.numi.ticket.ticket.domain.Agent;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Issue 16, item 3: a saved change whose events are not published yet is published by the relay within seconds,
 * without another change to its ticket, whichever instance saved it and whether it lives; two instances' relays on one
 * database publish each event once, in the ticket's order. Seen from outside: the HTTP answer, the records on the
 * topics, the ticket's stored outbox.
 */
@TicketIntegrationTest
class OutboxRelayIT {

    static final String AGENT = TestTokens.agent("alice", "AGENT_L1");

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    BrokerRefusals broker;

    @Autowired
    OtherInstance other;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TicketDriver driver;
    TicketTimers otherTimers;

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
    }

    @AfterEach
    void brokerBack() {
        broker.accept();
        if (otherTimers != null) {
            otherTimers.stop();
        }
    }

    @Test
    void shouldAnswerTheAgentAndPublishTheSavedChangeWithinSecondsWithoutAnotherChangeWhenTheBrokerRefusedItAtFirst() {
        // given: a ticket on the level-1 queue, and a broker that stops acknowledging ticket-service's events
        Request request = driver.qualified(1);
        broker.refuse();

        // when: an agent claims it
        driver.http().post().uri("/api/v1/agent/tickets/{id}/claim", request.ticketId()).headers(h -> h.setBearerAuth(AGENT))
                .exchange()
                .expectStatus().isOk();

        // then: the change is saved and its event waits in the ticket's outbox, not on the topic
        assertThat(driver.storedTicket(request.ticketId()).getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(other.outboxOf(request.ticketId())).anyMatch(id -> id.contains(":ticket-claimed:"));
        assertThat(Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"))).isEmpty();

        // when: the broker acknowledges again, and nothing else happens to the ticket
        broker.accept();

        // then: the claim is on the topic within seconds, once, and the outbox is empty
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> other.outboxOf(request.ticketId()).isEmpty());
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"), 1);
        awaitTimersAtRest(request.ticketId());
        assertThat(Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"))).hasSize(1);
    }

    @Test
    void shouldPublishAChangeWhoseInstanceDiedBeforePublishingFromAnotherInstanceWithinSeconds() {
        // given: a ticket on the level-1 queue
        Request request = driver.qualified(1);

        // when: another instance saves a claim of it, then dies before publishing anything
        TicketChanges dying = other.changes(new DiesWhenPublishing());
        try {
            dying.apply(request.ticketId(), false, (Ticket t) -> {
                t.claim(new Agent("alice", 1, false), clock.instant());
                return true;
            });
        } catch (InstanceDied expected) {
            // the process is gone: nothing after the save ran
        }
        assertThat(other.outboxOf(request.ticketId())).anyMatch(id -> id.contains(":ticket-claimed:"));

        // then: this instance's relay publishes it within seconds (relay-after: 5 s), once
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> other.outboxOf(request.ticketId()).isEmpty());
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"), 1);
        awaitTimersAtRest(request.ticketId());
        assertThat(Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"))).hasSize(1);
        driver.awaitStatus(request.token(), "IN_PROGRESS");
    }

    @Test
    void shouldPublishEveryEventOnceAndInTheTicketsOrderWhenTwoInstancesRelayTheSameDatabase() {
        // given: a second instance's relay on the same database, and a broker refusing ticket-service's events
        otherTimers = other.startTimers();
        broker.refuse();

        // when: requests arrive and are triaged (the consumed records are saved, their events not published)
        List<Request> requests = IntStream.range(0, 6).mapToObj(i -> TicketDriver.newRequest()).toList();
        requests.forEach(r -> {
            driver.sendReceived(r, false);
            driver.sendTriaged(r, 2, "NORMAL", false);
        });
        requests.forEach(r -> driver.awaitStatus(r.token(), "QUALIFIED"));
        requests.forEach(r -> assertThat(Records.readAll(brokers, LIFECYCLE, about(r))).isEmpty());

        // and the broker acknowledges again
        broker.accept();

        // then: each ticket's events are published by one relay or the other, each once, received before qualified
        for (Request r : requests) {
            Records.await(brokers, LIFECYCLE, about(r), 2);
            awaitTimersAtRest(r.ticketId());
        }
        for (Request r : requests) {
            List<String> types = Records.readAll(brokers, LIFECYCLE, about(r)).stream().map(c -> Records.header(c, "ce_type")).toList();
            assertThat(types).containsExactly("fr.numi.ticket.ticket-received.v1", "fr.numi.ticket.ticket-qualified.v1");
            List<ConsumerRecord<String, byte[]>> queued = Records.readAll(brokers, "ticket.queue-level-2.v1", about(r));
            assertThat(queued).hasSize(1);
            assertThat(other.outboxOf(r.ticketId())).isEmpty();
        }
    }

    /** No outbox timer left for the ticket and none held: nothing more will be published for it. */
    private void awaitTimersAtRest(String ticketId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> other.timersOf(ticketId).stream()
                .noneMatch(t -> "OUTBOX".equals(t.getString("kind")) || t.get("owner") != null));
    }

    /** What a process killed between its save and its publication leaves: the save, and nothing after it. */
    static final class InstanceDied extends Error {
        InstanceDied() {
            super("test: the instance died before publishing");
        }
    }

    static final class DiesWhenPublishing implements TicketEventPublisher {
        @Override
        public void publish(Ticket ticket, TicketEvent event) {
            throw new InstanceDied();
        }

        @Override
        public void publishAll(Ticket ticket, List<TicketEvent> events) {
            throw new InstanceDied();
        }
    }
}
