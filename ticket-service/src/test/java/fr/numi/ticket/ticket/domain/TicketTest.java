package fr.numi.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:15:00Z");

    static RequestFacts facts(boolean redButton) {
        return new RequestFacts("web-1", "cus_1", "WEB", "hash", redButton, NOW);
    }

    static TriageDecision decision(String requestId, int level, Urgency urgency, boolean cyber) {
        return new TriageDecision(requestId, level, urgency, cyber ? "card-fraud" : "printing", cyber, 0.8,
                List.of(new TriageDecision.Reason("category:printing", "imprimante", 2.0)), "2026.11.1", NOW);
    }

    @Test
    void shouldBeReceivedThenQualifiedAndQueuedOnItsLevel() {
        // given
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

        // when
        ticket.receive("intake:web-1", facts(false), NOW);
        ticket.qualify("triage:web-1", decision("web-1", 2, Urgency.NORMAL, false), NOW);

        // then
        assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
        assertThat(ticket.level()).isEqualTo(2);
        assertThat(ticket.version()).isEqualTo(2);
        assertThat(ticket.outbox()).extracting(TicketEvent::kind)
                .containsExactly(TicketEvent.Kind.RECEIVED, TicketEvent.Kind.QUALIFIED, TicketEvent.Kind.QUEUED);
        assertThat(ticket.outbox().get(2).priority()).isEqualTo(50);
    }

    @Test
    void shouldKeepAnEarlyDecisionUntilTheRequestArrives() {
        // given
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");

        // when
        ticket.qualify("triage:web-1", decision("web-1", 3, Urgency.CRITICAL, true), NOW);

        // then: nothing visible yet
        assertThat(ticket.isVisible()).isFalse();
        assertThat(ticket.outbox()).isEmpty();

        // when the request arrives
        ticket.receive("intake:web-1", facts(false), NOW);

        // then
        assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
        assertThat(ticket.cyber()).isTrue();
        assertThat(ticket.outbox()).extracting(TicketEvent::kind)
                .containsExactly(TicketEvent.Kind.RECEIVED, TicketEvent.Kind.QUALIFIED, TicketEvent.Kind.QUEUED);
        assertThat(ticket.outbox().get(2).priority()).isEqualTo(100);
    }

    @Test
    void shouldIgnoreAnEventItHasAlreadyApplied() {
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
        ticket.receive("intake:web-1", facts(false), NOW);

        boolean changed = ticket.receive("intake:web-1", facts(false), NOW);

        assertThat(changed).isFalse();
        assertThat(ticket.outbox()).hasSize(1);
        assertThat(ticket.publicTimeline()).hasSize(1);
    }

    @Nested
    class Levels {

        @Test
        void shouldRaiseTheLevelAndRequeueOnAFollowUpDecision() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
            ticket.receive("intake:web-1", facts(false), NOW);
            ticket.qualify("triage:web-1", decision("web-1", 1, Urgency.LOW, false), NOW);

            ticket.qualify("triage:web-2", decision("web-2", 3, Urgency.HIGH, true), NOW);

            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.status()).isEqualTo(TicketStatus.QUALIFIED);
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED)
                    .extracting(TicketEvent::level).containsExactly(1, 3);
        }

        @Test
        void shouldNeverLowerTheLevel() {
            Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
            ticket.receive("intake:web-1", facts(false), NOW);
            ticket.qualify("triage:web-1", decision("web-1", 3, Urgency.HIGH, true), NOW);

            ticket.qualify("triage:web-2", decision("web-2", 1, Urgency.LOW, false), NOW);

            assertThat(ticket.level()).isEqualTo(3);
            assertThat(ticket.urgency()).isEqualTo(Urgency.HIGH);
            assertThat(ticket.cyber()).isTrue();
            assertThat(ticket.outbox()).filteredOn(e -> e.kind() == TicketEvent.Kind.QUEUED).hasSize(1);
        }
    }

    @Test
    void shouldSurviveASnapshotRoundTrip() {
        Ticket ticket = Ticket.open("NUMI-AAAA-BBBB");
        ticket.receive("intake:web-1", facts(true), NOW);

        Ticket restored = Ticket.restore(ticket.snapshot());

        assertThat(restored.snapshot()).isEqualTo(ticket.snapshot());
        assertThat(restored.receive("intake:web-1", facts(true), NOW)).isFalse();
    }
}
