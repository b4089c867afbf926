package fr.numi.feedback.kpi.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.feedback.kpi.application.TicketKpiStore;
import fr.numi.feedback.kpi.domain.TicketKpis;
import fr.numi.feedback.support.FeedbackIntegrationTest;
import fr.numi.feedback.support.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Retention of the KPIs' link to a person (docs/privacy.md "Retention"), with the retention job every half second and
 * the link kept one hour after closing: a ticket closed two hours ago keeps its KPIs and rating without its customer id;
 * a ticket closed now, and an open one, keep it.
 */
@FeedbackIntegrationTest
@TestPropertySource(properties = {
    // Its own database: the job purges with a retention of seconds or hours, and the Mongo-wire server is shared by
    // every test context of the JVM.
    "spring.mongodb.database=retention-it",
    "numi.retention.kpi-customer-ids=1h",
    "numi.retention.purge-every=500ms",
    "numi.retention.first-purge-after=0s",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class KpiRetentionIT {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    TicketKpiStore store;

    /** A ticket received, resolved, rated and closed, the last at {@code closedAt}. */
    Lifecycle ticket(Instant receivedAt, Instant closedAt) {
        Lifecycle ticket = new Lifecycle(brokers, "WEB");
        ticket.change("ticket-received", "RECEIVED", null, receivedAt, receivedAt, Map.of());
        ticket.change("ticket-qualified", "QUALIFIED", 1, receivedAt.plusSeconds(5), receivedAt, Map.of("category", "printing"));
        if (closedAt != null) {
            ticket.change("ticket-resolved", "RESOLVED", 1, closedAt.minusSeconds(60), receivedAt,
                    Map.of("agentId", "agent-1", "firstContactResolution", true));
            ticket.rating("feedback-" + ticket.ticketId, 5, closedAt.minusSeconds(30));
            ticket.change("ticket-closed", "CLOSED", 1, closedAt, receivedAt, Map.of("reason", "PERSON_CONFIRMED"));
        }
        return ticket;
    }

    TicketKpis.Snapshot kpis(Lifecycle ticket) {
        var stored = store.load(ticket.ticketId).block(Duration.ofSeconds(5));
        return stored == null ? null : stored.kpis();
    }

    @Test
    void shouldDropTheCustomerIdOfATicketClosedLongerAgoThanItsRetentionAndKeepItsKpis() {
        // given
        Instant now = Instant.now();
        Lifecycle old = ticket(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)));
        Lifecycle recent = ticket(now.minus(Duration.ofHours(3)), now);
        Lifecycle open = ticket(now.minus(Duration.ofHours(3)), null);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(kpis(recent).closedAt()).isNotNull();
            assertThat(kpis(recent).rating()).isNotNull();
            assertThat(kpis(open).qualifiedAt()).isNotNull();
            assertThat(kpis(old).rating()).isNotNull();
        });

        // when: the retention job runs
        // then: the old ticket's KPIs no longer name the person, and still count
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            assertThat(kpis(old).closedAt()).isNotNull();
            assertThat(kpis(old).customerId()).isNull();
        });
        TicketKpis.Snapshot anonymous = kpis(old);
        assertThat(anonymous.rating()).isNotNull();
        assertThat(anonymous.resolvedLevel()).isEqualTo(1);
        assertThat(anonymous.qualifiedCategory()).isEqualTo("printing");
        // and the others keep their link
        assertThat(kpis(recent).customerId()).isNotBlank();
        assertThat(kpis(open).customerId()).isNotBlank();
    }
}
