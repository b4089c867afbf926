package fr.numi.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

import fr.numi.deploy.bench.TicketClock.Mark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pipeline benchmark's arithmetic and parsing, checked by the build; the benchmark itself runs by hand. */
class PipelineBenchmarkTest {

    @Nested
    class ScaleOutCheck {

        @Test
        void shouldCountTheRequestsAnInstanceProcessedFromIntakesTopicWithoutError() {
            // given: an instance's Prometheus page (two listener containers on intake's topic, one failure, another topic)
            String page = """
                    # HELP spring_kafka_listener_seconds Kafka Listener Timer
                    spring_kafka_listener_seconds_count{application="ticket-service",error="none",messaging_source_name="intake.request-received.v1",spring_kafka_listener_id="KafkaConsumerDestination{consumerDestinationName='intake.request-received.v1', partitions=6, dlqName='intake.request-received.v1.ticket-service.dlq'}.container-0"} 612
                    spring_kafka_listener_seconds_count{application="ticket-service",error="none",messaging_source_name="intake.request-received.v1",spring_kafka_listener_id="KafkaConsumerDestination{consumerDestinationName='intake.request-received.v1', partitions=6, dlqName='intake.request-received.v1.ticket-service.dlq'}.container-1"} 3.0
                    spring_kafka_listener_seconds_count{application="ticket-service",error="MongoTimeoutException",messaging_source_name="intake.request-received.v1",spring_kafka_listener_id="a.container-0"} 2
                    spring_kafka_listener_seconds_count{application="ticket-service",error="none",messaging_source_name="intake.red-button-pressed.v1",spring_kafka_listener_id="b.container-0"} 40
                    spring_kafka_listener_seconds_sum{application="ticket-service",error="none",messaging_source_name="intake.request-received.v1",spring_kafka_listener_id="a.container-0"} 9.5
                    """;

            // then
            assertThat(ScaleOut.processed(page, ScaleOut.TOPIC)).isEqualTo(615);
            assertThat(ScaleOut.processed("", ScaleOut.TOPIC)).isZero();
        }

        @Test
        void shouldSayWhetherEveryInstanceTookSomeOfTheWork() {
            assertThat(new ScaleOut(100, Map.of("ticket-service", List.of(60L, 40L)), 0, 0).everyInstanceWorked()).isTrue();
            assertThat(new ScaleOut(100, Map.of("ticket-service", List.of(100L, 0L)), 0, 0).everyInstanceWorked()).isFalse();
        }

        @Test
        void shouldCountATicketQueuedAgainButNotTheSameQueueRecordPublishedTwice() {
            // given
            TicketClock clock = new TicketClock(null);
            clock.record("ticket.queue-level-2.v1", "NUMI-AAAA-0001", "q-1", "fr.numi.ticket.ticket-queued.v1", null, 1);
            clock.record("ticket.queue-level-2.v1", "NUMI-AAAA-0001", "q-1", "fr.numi.ticket.ticket-queued.v1", null, 2);
            clock.record("ticket.queue-level-1.v1", "NUMI-AAAA-0002", "q-2", "fr.numi.ticket.ticket-queued.v1", null, 3);
            clock.record("ticket.queue-level-3.v1", "NUMI-AAAA-0002", "q-3", "fr.numi.ticket.ticket-queued.v1", null, 4);
            clock.record("ticket.lifecycle.v1", "NUMI-AAAA-0003", "l-1", "fr.numi.ticket.ticket-received.v1", null, 5);

            // then
            assertThat(clock.queueEvents("NUMI-AAAA-0001")).isEqualTo(1);
            assertThat(clock.queueEvents("NUMI-AAAA-0002")).isEqualTo(2);
            assertThat(clock.queueEvents("NUMI-AAAA-0003")).isZero();
            assertThat(clock.seen("NUMI-AAAA-0001", Mark.QUEUED)).isEqualTo(1L);
            assertThat(clock.seen("NUMI-AAAA-0002", Mark.QUEUED_LEVEL_3)).isEqualTo(4L);
        }
    }

    @Nested
    class Percentiles {

        @Test
        void shouldTakeTheNearestRankWhenEveryTicketArrived() {
            // given
            var latencies = Latencies.of(LongStream.iterate(200, i -> i >= 1, i -> i - 1).boxed().toList(), 0);

            // then
            assertThat(latencies.percentile(50)).isEqualTo(100L);
            assertThat(latencies.percentile(99)).isEqualTo(198L);
            assertThat(latencies.max()).isEqualTo(200L);
            assertThat(latencies.text()).isEqualTo("100 / 198 / 200");
        }

        @Test
        void shouldGiveTheOnlyValueForEveryPercentileOfOneSample() {
            // given
            var latencies = Latencies.of(List.of(42L), 0);

            // then
            assertThat(latencies.percentile(50)).isEqualTo(42L);
            assertThat(latencies.percentile(99)).isEqualTo(42L);
        }

        @Test
        void shouldCountTicketsThatNeverArrivedAsSlowerThanAnyWhenTheirRankIsReached() {
            // given 98 arrived in 1..98 ms, 2 never did
            var latencies = Latencies.of(LongStream.rangeClosed(1, 98).boxed().toList(), 2);

            // then
            assertThat(latencies.percentile(50)).isEqualTo(50L);
            assertThat(latencies.percentile(98)).isEqualTo(98L);
            assertThat(latencies.percentile(99)).isNull();
            assertThat(latencies.max()).isNull();
            assertThat(latencies.text()).isEqualTo("50 / ∞ / ∞");
        }

        @Test
        void shouldSayNothingWhenThereWereNoSamples() {
            // given
            var latencies = Latencies.of(List.of(), 0);

            // then
            assertThat(latencies.percentile(99)).isNull();
            assertThat(latencies.max()).isNull();
            assertThat(latencies.text()).isEqualTo("-");
        }

        @Test
        void shouldRefuseAPercentOutsideOneToAHundred() {
            assertThatIllegalArgumentException().isThrownBy(() -> Latencies.of(List.of(1L), 0).percentile(0));
            assertThatIllegalArgumentException().isThrownBy(() -> Latencies.of(List.of(1L), 0).percentile(101));
        }
    }

    @Nested
    class ProcFilesParsing {

        @Test
        void shouldAddUserAndSystemTicksCountingFieldsAfterTheCommandName() {
            // given a command name holding a space and a parenthesis; utime 1234, stime 567, cutime 89, cstime 10
            String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 58212 0 12 0 1234 567 89 10 20 0 61 0 "
                    + "31507 4046155776 81919 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

            // then children's ticks (a JVM has none worth counting) are left out
            assertThat(ProcFiles.cpuTicks(stat)).isEqualTo(1234 + 567);
        }

        @Test
        void shouldRefuseALineWithoutACommandName() {
            assertThatIllegalArgumentException().isThrownBy(() -> ProcFiles.cpuTicks("4242 S 1 2 3"));
        }

        @Test
        void shouldReadResidentMemoryInKibFromTheStatusFile() {
            // given
            String status = "Name:\tjava\nVmPeak:\t 4046156 kB\nVmHWM:\t  331852 kB\nVmRSS:\t  327676 kB\nRssAnon:\t  290000 kB\n";

            // then
            assertThat(ProcFiles.rssKib(status)).isEqualTo(327_676);
            assertThat(ProcFiles.rssKib("Name:\tzombie\nState:\tZ (zombie)\n")).isZero();
        }

        @Test
        void shouldSampleThisJvmWhereProcExists() {
            assumeThat(ProcFiles.available()).as("Linux /proc").isTrue();

            // when
            var sample = ProcFiles.sample(ProcessHandle.current().pid());

            // then
            assertThat(sample).hasValueSatisfying(s -> {
                assertThat(s.cpuTicks()).isPositive();
                assertThat(s.rssKib()).isGreaterThan(10 * 1024);
            });
            assertThat(ProcFiles.clockTicksPerSecond()).isPositive();
        }

        @Test
        void shouldLeaveTheHarnessOutOfTheStacksCpu() {
            // given
            var from = Map.of("intake-service", new ProcFiles.Sample(100, 0), "local-infra", new ProcFiles.Sample(50, 0),
                    ProcessMeter.HARNESS, new ProcFiles.Sample(10, 0));
            var to = Map.of("intake-service", new ProcFiles.Sample(160, 0), "local-infra", new ProcFiles.Sample(90, 0),
                    ProcessMeter.HARNESS, new ProcFiles.Sample(500, 0));

            // then
            assertThat(ProcessMeter.stackTicks(from, to)).isEqualTo(60 + 40);
        }
    }

    @Nested
    class RecordsMarks {

        @Test
        void shouldMarkAQueueRecordQueuedAndTheLevelThreeOneAlsoLevelThree() {
            assertThat(TicketClock.marks("ticket.queue-level-2.v1", "fr.numi.ticket.ticket-queued.v1", new byte[0]))
                    .containsExactly(Mark.QUEUED);
            assertThat(TicketClock.marks("ticket.queue-level-3.v1", "fr.numi.ticket.ticket-queued.v1", new byte[0]))
                    .containsExactlyInAnyOrder(Mark.QUEUED, Mark.QUEUED_LEVEL_3);
        }

        @Test
        void shouldMarkTheFirstInstructionsButNotTheOrientation() {
            byte[] instructions = "{\"ticketId\":\"NUMI-7K3Q-9XMD\",\"kind\":\"CYBER_INSTRUCTIONS\"}".getBytes(StandardCharsets.UTF_8);
            byte[] orientation = "{\"ticketId\":\"NUMI-7K3Q-9XMD\",\"kind\":\"CYBER_ORIENTATION\"}".getBytes(StandardCharsets.UTF_8);

            assertThat(TicketClock.marks("urgency.notification-requested.v1", null, instructions))
                    .containsExactly(Mark.INSTRUCTIONS_REQUESTED);
            assertThat(TicketClock.marks("urgency.notification-requested.v1", null, orientation)).isEmpty();
        }

        @Test
        void shouldMarkTheTrackingPageOnlyForTheCyberUrgencyLifecycleEvent() {
            assertThat(TicketClock.marks("ticket.lifecycle.v1", "fr.numi.ticket.ticket-cyber-urgency-marked.v1", new byte[0]))
                    .containsExactly(Mark.INSTRUCTIONS_ON_TRACKING_PAGE);
            assertThat(TicketClock.marks("ticket.lifecycle.v1", "fr.numi.ticket.ticket-qualified.v1", new byte[0])).isEmpty();
        }
    }

    @Nested
    class Settings {

        @Test
        void shouldMeasureTheIssuesRatesWithRateLimitsOffWhenNothingIsSet() {
            // when
            var settings = BenchSettings.fromEnvironment(Map.of());

            // then
            assertThat(settings.rates()).containsExactly(10.0, 20.0, 50.0, 100.0, 150.0, 300.0);
            assertThat(settings.phase()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.flatOut()).isTrue();
            assertThat(settings.rateLimits()).isFalse();
            assertThat(settings.instances()).containsEntry("ticket-service", 1).hasSize(5);
        }

        @Test
        void shouldTakeRatesInstancesAndTheRateLimitFromTheEnvironment() {
            // when
            var settings = BenchSettings.fromEnvironment(Map.of(
                    "NUMI_BENCH_RATES", "0, 10 40",
                    "NUMI_BENCH_DURATION", "30",
                    "NUMI_TICKET_INSTANCES", "2",
                    "NUMI_INTAKE_RATE_LIMIT_ENABLED", "true"));

            // then
            assertThat(settings.rates()).containsExactly(0.0, 10.0, 40.0);
            assertThat(settings.warmUpRate()).isEqualTo(10.0);
            assertThat(settings.phase()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.instances()).containsEntry("ticket-service", 2).containsEntry("triage-service", 1);
            assertThat(settings.rateLimits()).isTrue();
        }

        @Test
        void shouldRefuseANegativeRateADrainShorterThanTheBacklogCheckAndAnUnknownBoolean() {
            assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.fromEnvironment(Map.of("NUMI_BENCH_RATES", "10 -5")))
                    .withMessageContaining("NUMI_BENCH_RATES");
            assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.fromEnvironment(Map.of("NUMI_BENCH_DRAIN", "5")))
                    .withMessageContaining("NUMI_BENCH_DRAIN");
            assertThatIllegalArgumentException().isThrownBy(() -> BenchSettings.fromEnvironment(Map.of("NUMI_BENCH_FLAT_OUT", "maybe")))
                    .withMessageContaining("NUMI_BENCH_FLAT_OUT");
        }
    }

    @Nested
    class JsonLine {

        private final JsonMapper json = JsonMapper.builder().build();

        @Test
        void shouldPrintEveryPhaseOnOneLineWithRatesLatenciesAndCpuPerTicket() {
            // given
            var report = report(
                    phase("10/s", 10.0, 30, 360, 330, Latencies.of(List.of(120L, 180L, 290L), 0), 33_000, List.of(300L, 400L)),
                    phase("40/s", 40.0, 30, 1260, 450, Latencies.of(List.of(4_000L), 9), 60_000, List.of(900L, 2_000L)));

            // when
            String line = report.jsonLine();

            // then
            assertThat(line).doesNotContain("\n");
            JsonNode root = json.readTree(line);
            assertThat(root.path("phases")).hasSize(2);
            JsonNode first = root.path("phases").get(0);
            assertThat(first.path("acceptedPerSecond").asDouble()).isEqualTo(12.0);
            assertThat(first.path("queuedPerSecond").asDouble()).isEqualTo(11.0);
            assertThat(first.path("cpuMsPerTicket").asDouble()).isEqualTo(100.0);
            assertThat(first.path("acceptedToQueuedMs").path("p99").asLong()).isEqualTo(290);
            assertThat(first.path("backlogGrew").asBoolean()).isFalse();
            JsonNode second = root.path("phases").get(1);
            assertThat(second.path("acceptedToQueuedMs").path("p99").isNull()).isTrue();
            assertThat(second.path("acceptedToQueuedMs").path("missing").asInt()).isEqualTo(9);
            assertThat(second.path("backlogGrew").asBoolean()).isTrue();
            assertThat(root.path("redButtonUnderOverload").path("phase").asString()).isEqualTo("40/s");
            assertThat(root.path("redButtonUnderOverload").path("toLevel3QueueP99Ms").asLong()).isEqualTo(2_000);
            assertThat(root.path("peakStackRssMiB").asLong()).isEqualTo(1_500);
            assertThat(root.path("processes").path(ProcessMeter.HARNESS).path("cpuMs").asLong()).isEqualTo(4_000);
        }

        @Test
        void shouldJudgeTheRedButtonUnderTheHighestFixedRateNotTheFlatOutPhase() {
            // given
            var report = report(
                    phase("40/s", 40.0, 30, 1260, 450, Latencies.of(List.of(4_000L), 0), 60_000, List.of(900L)),
                    phase("flat out", null, 30, 9000, 450, Latencies.of(List.of(), 9000), 60_000, List.of(50_000L)));

            // then
            assertThat(report.overload().name()).isEqualTo("40/s");
            assertThat(report.table()).contains("40/s", "flat out", "∞ / ∞ / ∞", "benchmark (harness)",
                    "ticket-service 700 + 560 = 1260");
        }

        private Report report(PhaseResult... phases) {
            return new Report("2026-12-01T20:00:00Z", Map.of("cpus", 2), Map.of("rateLimits", false), 45.0, List.of(phases),
                    Map.of("local-infra", new Report.ProcessUse(11, 20_000, 500 * 1024),
                            ProcessMeter.HARNESS, new Report.ProcessUse(12, 4_000, 150 * 1024)),
                    1_500 * 1024, new ScaleOut(1260, Map.of("ticket-service", List.of(700L, 560L)), 0, 0), null);
        }

        /** {@code accepted} over {@code seconds}, {@code queued} in the phase and its window, 2 red buttons a second. */
        private PhaseResult phase(String name, Double rate, int seconds, int accepted, int queued, Latencies toQueue, long cpuMs,
                List<Long> redToLevel3) {
            var red = new PhaseResult.RedButtons(2 * seconds, 2 * seconds, Latencies.of(redToLevel3, 0), Latencies.of(List.of(), 0),
                    Latencies.of(List.of(), 0));
            return new PhaseResult(name, rate, 2, seconds, accepted, accepted, Map.of(), 0, queued, queued, seconds + 5.0,
                    toQueue.missing() == 0, Latencies.of(List.of(20L), 0), toQueue, toQueue.missing(), cpuMs, 1_400 * 1024, red);
        }
    }
}
