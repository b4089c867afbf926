package fr.numi.urgency.emergency.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.urgency.emergency.domain.DeliveryReport.Status;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which of intake's statuses change what level 3 reads, in whatever order they arrive, and when a failure asks for a page. */
class DeliveryReportTest {

    static final String ID = "NUMI-7K3Q-9XMD:urgency:CYBER_INSTRUCTIONS:r1";
    static final Instant NOW = Instant.parse("2026-11-26T09:15:00Z");

    static Status status(DeliveryOutcome outcome) {
        return new Status(ID + ":" + outcome, outcome, outcome == DeliveryOutcome.FAILED ? "WhatsApp error 131026" : null, NOW);
    }

    static DeliveryReport first(DeliveryOutcome outcome) {
        return DeliveryReport.first(ID, "NUMI-7K3Q-9XMD", "CYBER_INSTRUCTIONS", status(outcome), NOW);
    }

    @Test
    void shouldAskForAPageWhenTheFirstStatusIsAFailure() {
        // when
        DeliveryReport report = first(DeliveryOutcome.FAILED);

        // then
        assertThat(report.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(report.reason()).isEqualTo("WhatsApp error 131026");
        assertThat(report.failurePage().status()).isEqualTo(PageStatus.PENDING);
        assertThat(report.asksForFailurePage(Optional.empty())).isTrue();
    }

    @Test
    void shouldRecordTheFailureAndAskForAPageWhenItFollowsSent() {
        // given
        DeliveryReport sent = first(DeliveryOutcome.SENT);

        // when
        DeliveryReport failed = sent.then(status(DeliveryOutcome.FAILED), NOW).orElseThrow();

        // then
        assertThat(sent.failurePage()).isNull();
        assertThat(failed.outcome()).isEqualTo(DeliveryOutcome.FAILED);
        assertThat(failed.version()).isEqualTo(2);
        assertThat(failed.asksForFailurePage(Optional.of(sent))).isTrue();
    }

    @Test
    void shouldChangeNothingWhenTheSameStatusArrivesAgain() {
        assertThat(first(DeliveryOutcome.SENT).then(status(DeliveryOutcome.SENT), NOW)).isEmpty();
        assertThat(first(DeliveryOutcome.FAILED).then(status(DeliveryOutcome.FAILED), NOW)).isEmpty();
    }

    @Test
    void shouldKeepAFinalOutcomeWhenASentArrivesLate() {
        assertThat(first(DeliveryOutcome.FAILED).then(status(DeliveryOutcome.SENT), NOW)).isEmpty();
        assertThat(first(DeliveryOutcome.DELIVERED).then(status(DeliveryOutcome.SENT), NOW)).isEmpty();
        assertThat(first(DeliveryOutcome.READ).then(status(DeliveryOutcome.DELIVERED), NOW)).isEmpty();
    }

    @Test
    void shouldNotPageWhenAFailureArrivesAfterTheMessageWasDelivered() {
        assertThat(first(DeliveryOutcome.DELIVERED).then(status(DeliveryOutcome.FAILED), NOW)).isEmpty();
    }

    @Test
    void shouldShowDeliveredButNotAskForAnotherPageWhenAFailedMessageIsDeliveredAfterAll() {
        // given: failed, paged
        DeliveryReport failed = first(DeliveryOutcome.FAILED).withFailurePage(new Page(PageStatus.SENT, 1, NOW, null));

        // when: intake's replay went through
        DeliveryReport delivered = failed.then(status(DeliveryOutcome.DELIVERED), NOW).orElseThrow();

        // then
        assertThat(delivered.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(delivered.reason()).isNull();
        assertThat(delivered.failurePage().status()).isEqualTo(PageStatus.SENT);
        assertThat(delivered.asksForFailurePage(Optional.of(failed))).isFalse();
    }
}
