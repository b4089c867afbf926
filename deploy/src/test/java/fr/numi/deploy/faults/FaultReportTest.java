package fr.numi.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultReportTest {

    static FaultReport report(List<String> lost, List<String> duplicates, List<String> outOfOrder, List<String> notOnce,
            List<String> poisonMissing, Map<String, Integer> otherDeadLetters, Double recovery) {
        return new FaultReport("2026-12-02T04:00:00Z", Map.of("cpus", 2), FaultSettings.shortRun(), 60, 120, 200, 190, 12,
                Map.of("202", 190, "503", 10), 190, 190, lost, duplicates, 3, 700, 190, outOfOrder, 2, 3, 3, 3 - notOnce.size(), notOnce,
                Map.of(), 18, 54 - poisonMissing.size(), 54, poisonMissing, 0, Map.of("triage-service: bad record", 18), Map.of(),
                otherDeadLetters, List.of(new FaultReport.Fault("ticket-service SIGKILL", "2026-12-02T04:01:00Z", 40, 0, recovery, 6.0)));
    }

    static FaultReport good() {
        return report(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), 4.2);
    }

    @Test
    void shouldPassWhenNothingWasLostDoubledReorderedOrSlow() {
        assertThat(good().passed()).isTrue();
        assertThat(good().failures()).isEmpty();
        assertThat(good().jsonLine()).startsWith("{\"suite\":\"numi-faults\"").contains("\"passed\":true").contains("\"lost\":0")
                .contains("\"recoverySeconds\":4.2").doesNotContain("\n");
    }

    @Nested
    class ShouldFail {

        @Test
        void whenA202NeverReachedItsQueue() {
            FaultReport report = report(List.of("fault-x-1 → NUMI-AAAA-BBBB"), List.of(), List.of(), List.of(), List.of(), Map.of(), 4.2);
            assertThat(report.passed()).isFalse();
            assertThat(report.failures()).contains("every 202 on its queue FAILED").contains("NUMI-AAAA-BBBB");
        }

        @Test
        void whenARequestIsTwoTickets() {
            FaultReport report = report(List.of(), List.of("fault-x-2 → tickets [A, B]"), List.of(), List.of(), List.of(), Map.of(), 4.2);
            assertThat(report.checks()).containsEntry("no request two tickets", false);
        }

        @Test
        void whenALifecycleEventCameAfterAHigherVersion() {
            FaultReport report = report(List.of(), List.of(), List.of("OutOfOrder[...]"), List.of(), List.of(), Map.of(), 4.2);
            assertThat(report.checks()).containsEntry("lifecycle in version order", false);
        }

        @Test
        void whenAnAnswerWasSentTwice() {
            FaultReport report = report(List.of(), List.of(), List.of(), List.of("refn1 delivered 2 times"), List.of(), Map.of(), 4.2);
            assertThat(report.checks()).containsEntry("answers delivered exactly once", false);
        }

        @Test
        void whenAPoisonRecordWasNotDeadLetteredOrARealOneWas() {
            assertThat(report(List.of(), List.of(), List.of(), List.of(), List.of("poison-1 not dead-lettered by urgency-service"), Map.of(), 4.2)
                    .checks()).containsEntry("poison dead-lettered with a reason", false);
            assertThat(report(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of("triage.request-triaged.v1.ticket-service.dlq", 1), 4.2)
                    .checks()).containsEntry("no other dead letter", false);
        }

        @Test
        void whenFlowCameBackLaterThan30SecondsOrNever() {
            assertThat(report(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), 30.5).checks()).containsEntry("flow back within 30 s", false);
            assertThat(report(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), null).passed()).isFalse();
        }
    }

    @Test
    void shouldReadTheSettingsFromTheEnvironment() {
        FaultSettings settings = FaultSettings.fromEnvironment(Map.of("NUMI_FAULTS_RATE", "3", "NUMI_FAULTS_SERVICES", "ticket-service,intake-service",
                "NUMI_FAULTS_PAUSE", "20"));
        assertThat(settings.rate()).isEqualTo(3);
        assertThat(settings.services()).containsExactly("ticket-service", "intake-service");
        assertThat(settings.pause()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.infraDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(FaultSettings.fromEnvironment(Map.of()).services()).hasSize(5);
        assertThatThrownBy(() -> FaultSettings.fromEnvironment(Map.of("NUMI_FAULTS_SERVICES", "mail-service")))
                .hasMessageContaining("unknown service mail-service");
        assertThatThrownBy(() -> FaultSettings.fromEnvironment(Map.of("NUMI_FAULTS_RATE", "fast"))).hasMessageContaining("NUMI_FAULTS_RATE");
    }
}
