package fr.numi.ticket.ticket.application;

import static fr.numi.ticket.support.TicketDriver.LIFECYCLE;
import static fr.numi.ticket.support.TicketDriver.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.Records;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.OtherInstance;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import fr.numi.ticket.ticket.application.TicketTimerStore.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Issue 16, item 5: first-response deadlines live in the database, not in one instance's memory. Two instances
 * watching the same deadlines fire each warning once; a deadline whose instance died holding it is fired by another
 * once the lease runs out, seconds late, once. Seen from outside: the records on {@code ticket.lifecycle.v1}.
 */
@TicketIntegrationTest
class TicketTimersIT {

    static final Duration TO_WARNING = Duration.ofMinutes(91);

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

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
    void stopOther() {
        if (otherTimers != null) {
            otherTimers.stop();
        }
    }

    @Test
    void shouldFireEachWarningOnceWhenTwoInstancesWatchTheSameDeadlines() {
        // given: tickets waiting for a first answer (2 h target), and a second instance's timers on the same database
        List<Request> requests = IntStream.range(0, 4).mapToObj(i -> driver.qualified(1)).toList();
        otherTimers = other.startTimers();

        // when: an hour and a half passes with no answer
        clock.advance(TO_WARNING);

        // then: every ticket's warning comes within seconds, from one instance or the other, once
        for (Request r : requests) {
            Records.await(brokers, LIFECYCLE, ofType(r.ticketId(), "ticket-sla-warning"), 1);
            awaitWarned(r.ticketId());
        }
        for (Request r : requests) {
            assertThat(Records.readAll(brokers, LIFECYCLE, ofType(r.ticketId(), "ticket-sla-warning"))).hasSize(1);
            assertThat(Records.readAll(brokers, LIFECYCLE, ofType(r.ticketId(), "ticket-sla-breached"))).isEmpty();
        }
    }

    @Test
    void shouldFireADeadlineWhoseInstanceDiedHoldingItOnceItsLeaseRunsOut() {
        // given: a ticket waiting for a first answer, and an instance that took its warning's timer when it came due,
        // then died (its lease stands for `lease`, 20 s)
        Request request = driver.qualified(1);
        Instant due = clock.instant().plus(TO_WARNING);
        List<Claim> taken = other.timerStore().claimDue(due, due.plus(other.settings().lease()), "instance-that-died", 1_000)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(taken).extracting(Claim::ticketId).contains(request.ticketId());

        // when: the warning's moment comes
        clock.advance(TO_WARNING);

        // then: while the lease stands, nobody else fires it
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-warning")).isEmpty());

        // when: the lease runs out, the dead instance never having come back
        clock.advance(other.settings().lease());

        // then: this instance fires it within seconds, once
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-warning"), 1);
        awaitWarned(request.ticketId());
        assertThat(Records.readAll(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-warning"))).hasSize(1);
    }

    /** The warning is done: the ticket's timer waits for the breach, held by nobody, and no outbox is left to publish. */
    private void awaitWarned(String ticketId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Document> timers = other.timersOf(ticketId);
            return timers.stream().noneMatch(t -> "OUTBOX".equals(t.getString("kind")) || t.get("owner") != null)
                    && timers.stream().anyMatch(t -> "SLA".equals(t.getString("kind")) && t.get("dueAt", Date.class).toInstant().isAfter(clock.instant()));
        });
    }
}
