package fr.numi.deploy.bench;

import fr.numi.deploy.bench.LoadGenerator.Kind;
import fr.numi.deploy.bench.LoadGenerator.Sent;
import fr.numi.deploy.bench.TicketClock.Mark;
import fr.numi.deploy.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pipeline benchmark of docs/performance.md, run by {@code deploy/bench/pipeline.sh}: the local stack (the
 * packaged services, a real broker and the Mongo-wire server, the infrastructure in its own JVM), web requests
 * at fixed rates then flat out, each with its own contact, red buttons beside them; each ticket timed from its
 * 202 to its first level-queue record; the CPU and memory of every process. Prints a table, then one JSON line.
 * A benchmark, not a test: {@code verify} does not run it.
 */
public final class PipelineBenchmark {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(35);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    private static final HttpClient METRICS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The first phase must not start behind the warm-up's backlog: the warm-up waits for it this long at most. */
    private static final Duration WARM_UP_DRAIN = Duration.ofMinutes(5);

    private final BenchSettings settings;
    private final LocalStack stack;
    private final double stackStartSeconds;
    private final long clockTicksPerSecond = ProcFiles.clockTicksPerSecond();
    /** Every ticket accepted so far, all phases and the warm-up: the backlog is theirs. */
    private final List<String> acceptedSoFar = new ArrayList<>();
    private final Set<String> redButtonsSoFar = new HashSet<>();

    private PipelineBenchmark(BenchSettings settings, LocalStack stack, double stackStartSeconds) {
        this.settings = settings;
        this.stack = stack;
        this.stackStartSeconds = stackStartSeconds;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        BenchSettings settings;
        try {
            settings = BenchSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("pipeline benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!ProcFiles.available()) {
            System.err.println("pipeline benchmark: needs Linux's /proc to measure CPU and memory");
            System.exit(2);
            return;
        }
        String loadAtStart = ProcFiles.loadAverage();
        progress("starting the local stack (infrastructure in its own JVM, " + settings.instances() + ", rate limits "
                + (settings.rateLimits() ? "on" : "off") + ")");
        long begin = System.nanoTime();
        LocalStack stack = LocalStack.start(root, (service, s) -> environment(service, settings), settings.instances(),
                LocalStack.Infra.OWN_PROCESS);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                progress("stopping the stack");
                stack.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "pipeline-benchmark-stop"));
        try {
            double startSeconds = (System.nanoTime() - begin) / 1e9;
            progress(String.format("stack ready in %.0f s; logs in %s", startSeconds, stack.log("intake-service").getParent()));
            Report report = new PipelineBenchmark(settings, stack, startSeconds).run(loadAtStart);
            System.out.println(report.table());
            System.out.println(report.jsonLine());
        } finally {
            stop.run();
        }
    }

    /** intake: rate limits as asked; e-mails to its outbox (a database write), not to an SMTP server numi does not own. */
    static Map<String, String> environment(String service, BenchSettings settings) {
        if (!service.equals("intake-service")) {
            return Map.of();
        }
        return Map.of(BenchSettings.RATE_LIMIT_VARIABLE, Boolean.toString(settings.rateLimits()), "NUMI_SMTP_HOST", "");
    }

    private Report run(String loadAtStart) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        URI requests = URI.create(stack.url("intake-service") + "/api/v1/requests");
        Map<String, Long> pids = new LinkedHashMap<>();
        stack.processes().forEach((name, handle) -> pids.put(name, handle.pid()));
        List<PhaseRun> runs = new ArrayList<>();
        String aborted = null;
        Double idle = null;
        try (TicketClock clock = TicketClock.start(stack.kafkaBootstrap());
                ProcessMeter meter = new ProcessMeter(pids);
                LoadGenerator generator = new LoadGenerator(requests, runId, settings.maxInFlight())) {
            Map<String, ProcFiles.Sample> atStart = meter.now();
            Boolean warmUpDrained = null;
            if (!settings.warmUp().isZero()) {
                progress(String.format("warm-up: %.0f requests/s for %d s", settings.warmUpRate(), settings.warmUp().toSeconds()));
                warmUpDrained = phase("warm-up", settings.warmUpRate(), settings.warmUp(), WARM_UP_DRAIN, generator, clock, meter).drained;
                progress(warmUpDrained ? "warm-up drained" : "warm-up: backlog not cleared within " + WARM_UP_DRAIN.toMinutes() + " min, measuring anyway");
            }
            if (warmUpDrained == Boolean.FALSE) {
                progress("idle stack: not measured (the warm-up's backlog is still being worked on)");
            } else {
                idle = idleCpu(meter);
                progress(String.format("idle stack: %.0f ms of CPU per second", idle));
            }
            List<Double> rates = new ArrayList<>(settings.rates());
            int phases = rates.size() + (settings.flatOut() ? 1 : 0);
            for (int i = 0; i < phases && aborted == null; i++) {
                Double rate = i < rates.size() ? rates.get(i) : null;
                String name = rate == null ? "flat out" : trim(rate) + "/s";
                progress(String.format("phase %s: %s for %d s, plus %s red buttons/s", name,
                        rate == null ? settings.flatOutConcurrency() + " requests in flight" : trim(rate) + " requests/s",
                        settings.phase().toSeconds(), trim(settings.redButtonsPerSecond())));
                PhaseRun run = phase(name, rate, settings.phase(), settings.drain(), generator, clock, meter);
                runs.add(run);
                PhaseResult result = run.result(clock, clockTicksPerSecond);
                progress(String.format("  %d sent, %d accepted (%.1f/s), %.1f queued/s, 202→queued %s ms, unqueued +10 s: %d, "
                                + "CPU %.0f ms/ticket", result.sent(), result.accepted(), result.acceptedPerSecond(),
                        result.queuedPerSecond(), result.acceptedToQueued().text(), result.unqueuedAfterCheck(),
                        result.cpuMsPerTicket() == null ? Double.NaN : result.cpuMsPerTicket()));
                List<String> gone = meter.gone();
                if (!gone.isEmpty()) {
                    aborted = "exited during phase " + name + ": " + gone + " (logs in " + stack.log("intake-service").getParent() + ")";
                    progress(aborted);
                }
            }
            // Read again now: a ticket queued after its phase's window (behind a backlog) has its latency by now.
            List<PhaseResult> results = runs.stream().map(run -> run.result(clock, clockTicksPerSecond)).toList();
            Map<String, ProcFiles.Sample> atEnd = meter.now();
            Map<String, Report.ProcessUse> processes = new LinkedHashMap<>();
            Map<String, Long> peaks = meter.peakByProcessKib();
            for (String name : pids.keySet()) {
                processes.put(name, use(name, pids.get(name), atStart, atEnd, peaks));
            }
            processes.put(ProcessMeter.HARNESS, use(ProcessMeter.HARNESS, ProcessHandle.current().pid(), atStart, atEnd, peaks));
            return new Report(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine(loadAtStart), setup(warmUpDrained), idle,
                    results, processes, meter.overallPeakKib(), scaleOut(clock), aborted);
        }
    }

    /**
     * How triage- and ticket-service's instances (and any other service's, when it has more than one) shared intake's
     * requests, and whether every accepted request became one ticket on one queue.
     */
    private ScaleOut scaleOut(TicketClock clock) {
        Map<String, List<Long>> processed = new LinkedHashMap<>();
        settings.instances().forEach((service, count) -> {
            if (count > 1 || service.equals("triage-service") || service.equals("ticket-service")) {
                List<Long> byInstance = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    byInstance.add(ScaleOut.processed(metrics(stack.managementUrl(service, i)), ScaleOut.TOPIC));
                }
                processed.put(service, byInstance);
            }
        });
        int neverQueued = (int) acceptedSoFar.stream().filter(id -> clock.seen(id, Mark.QUEUED) == null).count();
        int queuedTwice = (int) acceptedSoFar.stream().filter(id -> !redButtonsSoFar.contains(id) && clock.queueEvents(id) > 1).count();
        return new ScaleOut(acceptedSoFar.size(), new TreeMap<>(processed), neverQueued, queuedTwice);
    }

    /** An instance's Prometheus page; empty (read as nothing processed) when it does not answer, which is said. */
    private static String metrics(String managementUrl) {
        String url = managementUrl + "/actuator/prometheus";
        try {
            HttpResponse<String> page = METRICS.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200) {
                return page.body();
            }
            progress("scale-out: " + url + " answered " + page.statusCode() + ", counted as nothing processed");
        } catch (java.io.IOException e) {
            progress("scale-out: " + url + " did not answer (" + e + "), counted as nothing processed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private Report.ProcessUse use(String name, long pid, Map<String, ProcFiles.Sample> atStart, Map<String, ProcFiles.Sample> atEnd,
            Map<String, Long> peaks) {
        ProcFiles.Sample start = atStart.get(name);
        ProcFiles.Sample end = atEnd.get(name);
        long ticks = start == null || end == null ? 0 : end.cpuTicks() - start.cpuTicks();
        return new Report.ProcessUse(pid, ticks * 1000 / clockTicksPerSecond, peaks.getOrDefault(name, 0L));
    }

    /** The stack's CPU with no traffic, per second. */
    private double idleCpu(ProcessMeter meter) throws InterruptedException {
        Map<String, ProcFiles.Sample> from = meter.now();
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(IDLE_WINDOW.toNanos());
        Map<String, ProcFiles.Sample> to = meter.now();
        double seconds = (System.nanoTime() - start) / 1e9;
        return ProcessMeter.stackTicks(from, to) * 1000.0 / clockTicksPerSecond / seconds;
    }

    /**
     * Sends for {@code length} (at {@code rate}, or flat out when null), red buttons beside, then waits for the
     * answers and for the backlog of every ticket accepted so far to clear, at most {@code drain} after the end
     * of sending.
     */
    private PhaseRun phase(String name, Double rate, Duration length, Duration drain, LoadGenerator generator, TicketClock clock,
            ProcessMeter meter) throws InterruptedException {
        PhaseRun run = new PhaseRun(name, rate, settings.redButtonsPerSecond(), length);
        run.backlogAtStart = (int) acceptedSoFar.stream().filter(id -> clock.seen(id, Mark.QUEUED) == null).count();
        meter.takePeakKib();
        run.cpuAtStart = meter.now();
        run.startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        run.endNanos = run.startNanos + length.toNanos();
        Thread red = generator.openLoop(Kind.RED_BUTTON, settings.redButtonsPerSecond(), run.startNanos, run.endNanos, run.sent::add);
        if (rate == null) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, run.startNanos - System.nanoTime()));
            generator.flatOut(settings.flatOutConcurrency(), run.endNanos, run.sent::add);
        } else {
            generator.openLoop(Kind.ORDINARY, rate, run.startNanos, run.endNanos, run.sent::add).join();
        }
        red.join();
        generator.awaitAnswers(ANSWER_WAIT);
        for (Sent sent : run.sent) {
            if (sent.ticketId != null) {
                acceptedSoFar.add(sent.ticketId);
                if (sent.kind == Kind.RED_BUTTON) {
                    redButtonsSoFar.add(sent.ticketId);
                }
            }
        }
        long drainUntil = run.endNanos + drain.toNanos();
        while (!(run.drained = clock.allSeen(acceptedSoFar, Mark.QUEUED)) && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        run.windowEndNanos = System.nanoTime();
        run.cpuAtEnd = meter.now();
        run.peakRssKib = meter.takePeakKib();
        return run;
    }

    /** One phase as it ran; {@link #result} reads the ticket clock for what became of its requests. */
    private static final class PhaseRun {
        final String name;
        final Double rate;
        final double redRate;
        final Duration length;
        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        int backlogAtStart;
        long startNanos;
        long endNanos;
        long windowEndNanos;
        boolean drained;
        Map<String, ProcFiles.Sample> cpuAtStart;
        Map<String, ProcFiles.Sample> cpuAtEnd;
        long peakRssKib;

        PhaseRun(String name, Double rate, double redRate, Duration length) {
            this.name = name;
            this.rate = rate;
            this.redRate = redRate;
            this.length = length;
        }

        PhaseResult result(TicketClock clock, long ticksPerSecond) {
            Map<String, Integer> errors = new TreeMap<>();
            List<Long> sendToAccepted = new ArrayList<>();
            List<Long> toQueue = new ArrayList<>();
            int notQueued = 0;
            int unqueuedAfterCheck = 0;
            int accepted = 0;
            int redSent = 0;
            int redAccepted = 0;
            Map<Mark, List<Long>> red = new HashMap<>();
            Map<Mark, Integer> redMissing = new HashMap<>();
            long check = endNanos + BenchSettings.BACKLOG_CHECK.toNanos();
            for (Sent s : sent) {
                boolean isRed = s.kind == Kind.RED_BUTTON;
                redSent += isRed ? 1 : 0;
                if (!s.accepted() || s.ticketId == null) {
                    errors.merge(s.outcome == null ? "unanswered" : s.outcome, 1, Integer::sum);
                    continue;
                }
                accepted++;
                Long queued = clock.seen(s.ticketId, Mark.QUEUED);
                if (queued == null || queued > check) {
                    unqueuedAfterCheck++;
                }
                if (isRed) {
                    redAccepted++;
                    for (Mark mark : List.of(Mark.QUEUED_LEVEL_3, Mark.INSTRUCTIONS_REQUESTED, Mark.INSTRUCTIONS_ON_TRACKING_PAGE)) {
                        Long at = clock.seen(s.ticketId, mark);
                        if (at == null) {
                            redMissing.merge(mark, 1, Integer::sum);
                        } else {
                            red.computeIfAbsent(mark, m -> new ArrayList<>()).add(millis(at - s.answeredNanos));
                        }
                    }
                    continue;
                }
                sendToAccepted.add(millis(s.answeredNanos - s.dueNanos));
                if (queued == null) {
                    notQueued++;
                } else {
                    toQueue.add(millis(queued - s.answeredNanos));
                }
            }
            long ticks = ProcessMeter.stackTicks(cpuAtStart, cpuAtEnd);
            PhaseResult.RedButtons redButtons = new PhaseResult.RedButtons(redSent, redAccepted,
                    latencies(red, redMissing, Mark.QUEUED_LEVEL_3), latencies(red, redMissing, Mark.INSTRUCTIONS_REQUESTED),
                    latencies(red, redMissing, Mark.INSTRUCTIONS_ON_TRACKING_PAGE));
            return new PhaseResult(name, rate, redRate, length.toMillis() / 1000.0, sent.size(), accepted, errors, backlogAtStart,
                    clock.count(Mark.QUEUED, startNanos, endNanos), clock.count(Mark.QUEUED, startNanos, windowEndNanos),
                    (windowEndNanos - startNanos) / 1e9, drained,
                    Latencies.of(sendToAccepted, 0), Latencies.of(toQueue, notQueued), unqueuedAfterCheck,
                    ticks * 1000 / ticksPerSecond, peakRssKib, redButtons);
        }

        private static Latencies latencies(Map<Mark, List<Long>> arrived, Map<Mark, Integer> missing, Mark mark) {
            return Latencies.of(arrived.getOrDefault(mark, List.of()), missing.getOrDefault(mark, 0));
        }

        /** Nanoseconds to milliseconds; a mark seen before the 202 reached the generator's callback counts as 0. */
        private static long millis(long nanos) {
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos));
        }
    }

    private Map<String, Object> machine(String loadAtStart) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", ProcFiles.memoryMib());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", loadAtStart);
        machine.put("loadAverageAtEnd", ProcFiles.loadAverage());
        return machine;
    }

    private Map<String, Object> setup(Boolean warmUpDrained) {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("infrastructure", "own process (deploy jar), measured with the stack; the harness JVM measured apart");
        setup.put("instances", new TreeMap<>(settings.instances()));
        setup.put("rateLimits", settings.rateLimits());
        setup.put("serviceJvm", System.getProperty("numi.stack.jvm", "(LocalStack's default)"));
        setup.put("infraJvm", System.getProperty("numi.stack.infra.jvm", "(LocalStack's default)"));
        setup.put("kafkaPartitions", System.getenv().getOrDefault("NUMI_KAFKA_PARTITIONS", "6"));
        setup.put("consumerConcurrency", System.getenv().getOrDefault("NUMI_CONSUMER_CONCURRENCY", "1"));
        setup.put("phaseSeconds", settings.phase().toSeconds());
        setup.put("warmUpSeconds", settings.warmUp().toSeconds());
        setup.put("warmUpPerSecond", settings.warmUpRate());
        setup.put("warmUpDrained", warmUpDrained);
        setup.put("redButtonsPerSecond", settings.redButtonsPerSecond());
        setup.put("flatOutConcurrency", settings.flatOut() ? settings.flatOutConcurrency() : null);
        setup.put("drainSeconds", settings.drain().toSeconds());
        setup.put("email", "intake's outbox (no SMTP server)");
        setup.put("stackStartSeconds", Report.round(stackStartSeconds));
        return setup;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void progress(String line) {
        System.err.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
