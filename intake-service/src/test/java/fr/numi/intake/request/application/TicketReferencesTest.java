package fr.numi.intake.request.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.TicketIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Ticket references are reserved before use and drawn again on a collision, with the random source given. */
class TicketReferencesTest {

    static final String SECRET = "unit-test-customer-id-secret";
    static final IntakeProperties PROPERTIES = new IntakeProperties(SECRET, "http://numi.test/api/v1/tracking/", null, 65536, null, null, null);

    /** The {@code tickets} collection: reference → request id, check-and-insert. */
    final Map<String, String> reserved = new HashMap<>();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    final PublishedTickets tickets = new ReservingTickets(false);

    /** The {@code tickets} collection as far as references go: check-and-insert, or every reference already taken. */
    final class ReservingTickets implements PublishedTickets {

        private final boolean full;

        ReservingTickets(boolean full) {
            this.full = full;
        }

        public Mono<Boolean> reserve(String ticketId, String requestId, Instant at) {
            return Mono.fromSupplier(() -> !full && reserved.computeIfAbsent(ticketId, id -> requestId).equals(requestId));
        }

        public Mono<Void> remember(Ticket ticket) {
            return Mono.empty();
        }

        public Mono<Ticket> find(String ticketId) {
            return Mono.empty();
        }

        public Mono<Ticket> findByTrackingTokenHash(String hash) {
            return Mono.empty();
        }

        public Mono<Void> markProven(String ticketId) {
            return Mono.empty();
        }
    }

    TicketReferences references(TicketIds ids) {
        return new TicketReferences(tickets, ids, PROPERTIES, metrics, Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    }

    double collisions() {
        return metrics.counter("numi.intake.ticket.reference.collisions").count();
    }

    @Test
    void shouldDrawAnotherRandomReferenceWhenTheFirstIsAlreadyAnotherRequests() {
        // given: two instances whose random sources draw the same sequence: the second's first draw collides
        String first = references(new TicketIds(new Random(42))).random("web-1").block();

        // when
        String second = references(new TicketIds(new Random(42))).random("web-2").block();

        // then
        assertThat(first).isEqualTo(new TicketIds(new Random(42)).newTicketId());
        assertThat(second).isNotEqualTo(first).matches("NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(reserved).containsEntry(first, "web-1").containsEntry(second, "web-2");
        assertThat(collisions()).isEqualTo(1);
    }

    @Test
    void shouldMoveAGatewaysRequestToTheNextDerivedReferenceAndFindItAgainOnItsRetry() {
        // given
        reserved.put(DerivedIds.ticketId(SECRET, "wa:wamid.1"), "wa:wamid.other");
        TicketReferences references = references(new TicketIds(new Random()));

        // when
        String first = references.derived("wa:wamid.1").block();
        String retry = references.derived("wa:wamid.1").block();

        // then
        assertThat(first).isEqualTo(DerivedIds.ticketId(SECRET, "wa:wamid.1", 1)).isNotEqualTo(DerivedIds.ticketId(SECRET, "wa:wamid.1"));
        assertThat(retry).isEqualTo(first);
        assertThat(reserved).containsEntry(first, "wa:wamid.1");
    }

    @Test
    void shouldKeepTheFirstDerivedReferenceWhenNobodyHoldsIt() {
        assertThat(references(new TicketIds(new Random())).derived("twilio:CA1").block())
                .isEqualTo(DerivedIds.ticketId(SECRET, "twilio:CA1"));
        assertThat(collisions()).isZero();
    }

    @Test
    void shouldGiveUpAfterEightTakenReferences() {
        // given: every reference is somebody else's
        PublishedTickets full = new ReservingTickets(true);
        TicketReferences references = new TicketReferences(full, new TicketIds(new Random()), PROPERTIES, metrics, Clock.systemUTC());

        // when / then
        assertThatThrownBy(() -> references.random("web-3").block()).hasMessageContaining("no free ticket reference");
        assertThat(collisions()).isEqualTo(TicketReferences.ATTEMPTS);
    }
}
