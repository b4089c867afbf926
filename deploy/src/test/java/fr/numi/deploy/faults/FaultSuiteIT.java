package fr.numi.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.deploy.stack.FakeGateways;
import fr.numi.deploy.stack.LocalStack;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short run ({@link FaultSettings#shortRun()}), on a stack of its own whose broker+store process can
 * be killed and paused: web requests at 2/s and WhatsApp conversations an agent answers while the broker+store process
 * is killed and started again 5 s later, ticket-service is killed and restarted, the store is paused 10 s and poison
 * records are written. The full run, {@code deploy/faults/run.sh}, kills every service; its figures are in
 * docs/reliability.md.
 */
@Order(3) // own infrastructure, before the shared stack (junit-platform.properties)
class FaultSuiteIT {

    @Test
    void shouldKeepEveryAcceptedRequestAndSendEveryAnswerOnceThroughCrashesAPauseAndPoison() throws Exception {
        // given: a stack of its own (its infrastructure in a process the suite kills and pauses)
        long begin = System.nanoTime();
        double startSeconds = 0;
        try (FakeGateways gateways = new FakeGateways();
                LocalStack stack = FaultSuite.start(Path.of("..").toAbsolutePath().normalize(), gateways)) {
            startSeconds = (System.nanoTime() - begin) / 1e9;

            // when: load, then the broker+store process killed, a service crash, the store paused, poison records
            FaultReport report = new FaultSuite(FaultSettings.shortRun(), stack, gateways).run(startSeconds, FaultSuite.loadAverage());
            System.err.println(report.table());

            // then: every check held, on real traffic through every fault
            assertThat(report.failures()).isEmpty();
            assertThat(report.passed()).isTrue();
            assertThat(report.faults()).extracting(FaultReport.Fault::name).hasSize(4);
            assertThat(report.accepted()).isGreaterThan(50);
            assertThat(report.repliesSaved()).isPositive();
            assertThat(report.poisonDeadLetters()).isEqualTo(report.poisonDeadLettersExpected()).isPositive();
        } finally {
            System.err.printf(Locale.ROOT, "FaultSuiteIT: %.0f s in all, of which the stack's start %.0f s (load average %s)%n",
                    (System.nanoTime() - begin) / 1e9, startSeconds, FaultSuite.loadAverage());
        }
    }
}
