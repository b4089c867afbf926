package fr.numi.deploy.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fr.numi.deploy.stack.FakeGateways;
import fr.numi.deploy.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;

/**
 * The fault suite of docs/reliability.md, run by {@code deploy/faults/run.sh} (and, shorter, by {@link FaultSuiteIT}):
 * the local stack (the packaged services, the broker and the Mongo-wire server in a process of their own), web
 * requests at a steady rate and WhatsApp conversations an agent answers, while, in turn, the broker+store process is
 * killed (SIGKILL) and started again, each service is killed and started again, the store is paused (SIGSTOP) then
 * resumed, and poison records are written. Then it checks from the outside what was promised: every 202 is one
 * ticket on its queue, lifecycle events in version order, every saved answer delivered exactly once, poison
 * dead-lettered with its reason, flow back within 30 s of each restart. Prints a table on standard error, then one
 * JSON line (the last line of standard output). Not part of {@code verify}; {@link FaultSuiteIT} is.
 */
public final class FaultSuite {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(150);

    private final FaultSettings settings;
    private final LocalStack stack;
    private final FakeGateways gateways;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    FaultSuite(FaultSettings settings, LocalStack stack, FakeGateways gateways) {
        this.settings = settings;
        this.stack = stack;
        this.gateways = gateways;
    }

    public static void main(String[] args) {
        try {
            System.exit(runAndReport(args));
        } catch (Throwable e) {
            // the fake providers' threads would keep the JVM alive
            e.printStackTrace();
            System.exit(3);
        }
    }

    /** Starts the stack, runs the suite, prints the report; returns the exit status. */
    private static int runAndReport(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        FaultSettings settings;
        try {
            settings = FaultSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("fault suite: " + e.getMessage());
            return 2;
        }
        String loadAtStart = loadAverage();
        progress("starting the local stack (broker+store in its own process): " + settings);
        FakeGateways gateways = new FakeGateways();
        long begin = System.nanoTime();
        LocalStack stack;
        try {
            stack = start(root, gateways);
        } catch (Exception e) {
            gateways.close();
            throw e;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                progress("stopping the stack");
                stack.close();
                gateways.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "fault-suite-stop"));
        FaultReport report;
        try {
            double startSeconds = (System.nanoTime() - begin) / 1e9;
            progress(String.format("stack ready in %.0f s; logs in %s", startSeconds, stack.log("intake-service").getParent()));
            report = new FaultSuite(settings, stack, gateways).run(startSeconds, loadAtStart);
        } finally {
            stop.run();
        }
        System.err.println(report.table());
        System.out.println(report.jsonLine());
        return report.passed() ? 0 : 1;
    }

    /**
     * The stack the suite needs: the infrastructure in its own process (so it can be killed and paused), intake on the
     * fake WhatsApp and Twilio providers, e-mails to its outbox, no rate limit (the load comes from one address).
     */
    static LocalStack start(Path root, FakeGateways gateways) throws IOException, InterruptedException {
        return LocalStack.start(root, (service, s) -> {
            if (!service.equals("intake-service")) {
                return Map.of();
            }
            Map<String, String> env = new HashMap<>(gateways.intakeEnvironment("https://numi.faults.test"));
            env.put("NUMI_INTAKE_RATE_LIMIT_ENABLED", "false");
            env.put("NUMI_SMTP_HOST", "");
            return env;
        }, Map.of(), LocalStack.Infra.OWN_PROCESS);
    }

    FaultReport run(double stackStartSeconds, String loadAtStart) throws Exception {
        long runStart = System.nanoTime();
        List<FaultReport.Fault> faults = new ArrayList<>();
        Poison poison = new Poison(stack.kafkaBootstrap(), runId);
        ScheduledExecutorService talk = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fault-conversations");
            thread.setDaemon(true);
            return thread;
        });
        try (TopicWatch watch = TopicWatch.start(stack.kafkaBootstrap());
                WebLoad load = new WebLoad(URI.create(stack.url("intake-service") + "/api/v1/requests"), runId);
                Conversations conversations = new Conversations(stack, gateways, runId)) {
            progress("load: " + settings.rate() + " web requests/s" + (settings.conversationEvery().isZero() ? ""
                    : ", a WhatsApp conversation answered by an agent every " + settings.conversationEvery().toSeconds() + " s"));
            load.start(settings.rate());
            if (!settings.conversationEvery().isZero()) {
                talk.scheduleAtFixedRate(conversations::begin, 1, settings.conversationEvery().toSeconds(), TimeUnit.SECONDS);
            }
            sleep(settings.warmUp());

            if (!settings.infraDown().isZero()) {
                faults.add(fault("broker+store SIGKILL, down " + settings.infraDown().toSeconds() + " s",
                        () -> stack.crashInfraAndRestart(() -> sleep(settings.infraDown()))));
                settle(watch, faults);
            }
            for (String service : settings.services()) {
                faults.add(fault(service + " SIGKILL", () -> stack.crashAndRestart(service, () -> { })));
                settle(watch, faults);
            }
            long infraPid = stack.processes().get(LocalStack.INFRA).pid();
            faults.add(fault("broker+store SIGSTOP " + settings.pause().toSeconds() + " s", () -> {
                signal("STOP", infraPid);
                try {
                    sleep(settings.pause());
                } finally {
                    signal("CONT", infraPid);
                }
            }));
            settle(watch, faults);
            for (int round = 0; round < settings.poisonRounds(); round++) {
                int r = round;
                faults.add(fault("poison records, round " + (round + 1), () -> progress("  sent " + poison.send(r).size() + " poison records")));
                settle(watch, faults);
            }

            talk.shutdownNow();
            progress("load stops; waiting for the answers");
            load.stop(ANSWER_WAIT);
            List<WebLoad.Request> requests = load.sent();
            Set<String> promised = new HashSet<>();
            requests.stream().filter(WebLoad.Request::accepted).forEach(r -> promised.add(r.ticketId));
            progress("draining: " + promised.size() + " tickets promised, waiting for them on the queues and for the answers to reach people");
            conversations.await(settings.drain());
            long drainUntil = System.nanoTime() + settings.drain().toNanos();
            while (System.nanoTime() < drainUntil && !(promised.stream().allMatch(t -> watch.queued(t) != null)
                    && conversations.conversations().stream().filter(Conversations.Conversation::replySaved).allMatch(c -> conversations.delivered(c) > 0))) {
                TimeUnit.SECONDS.sleep(1);
            }
            // a little longer, so that a message or an event sent twice has the time to show
            TimeUnit.SECONDS.sleep(10);

            return report(requests, watch, conversations, poison, faults, stackStartSeconds, (System.nanoTime() - runStart) / 1e9, loadAtStart);
        } finally {
            talk.shutdownNow();
        }
    }

    private FaultReport report(List<WebLoad.Request> requests, TopicWatch watch, Conversations conversations, Poison poison,
            List<FaultReport.Fault> faults, double stackStartSeconds, double runSeconds, String loadAtStart) throws InterruptedException {
        Map<String, Integer> answers = new TreeMap<>();
        int accepted = 0;
        int retried = 0;
        List<String> lost = new ArrayList<>();
        for (WebLoad.Request r : requests) {
            answers.merge(r.outcome == null ? "unanswered" : r.outcome, 1, Integer::sum);
            retried += r.attempts > 1 ? 1 : 0;
            if (r.accepted()) {
                accepted++;
                if (watch.queued(r.ticketId) == null) {
                    lost.add(r.requestId + " → " + r.ticketId);
                }
            }
        }
        Map<String, Set<String>> ticketsByContact = ticketsByContact("fault-" + runId + "-");
        List<String> duplicates = new ArrayList<>();
        int notAcceptedButTicket = 0;
        for (WebLoad.Request r : requests) {
            Set<String> tickets = ticketsByContact.getOrDefault(r.contact, Set.of());
            if (r.accepted() && !(tickets.size() == 1 && tickets.contains(r.ticketId)) && !tickets.isEmpty()) {
                duplicates.add(r.requestId + " → 202 " + r.ticketId + ", tickets " + tickets);
            } else if (!r.accepted() && tickets.size() > 1) {
                duplicates.add(r.requestId + " (answered " + r.outcome + ") → tickets " + tickets);
            }
            notAcceptedButTicket += !r.accepted() && !tickets.isEmpty() ? 1 : 0;
        }
        long tickets = ticketsByContact.values().stream().mapToLong(Set::size).sum();

        List<Conversations.Conversation> talks = conversations.conversations();
        List<String> notDeliveredOnce = new ArrayList<>();
        int saved = 0;
        int deliveredOnce = 0;
        for (Conversations.Conversation c : talks) {
            long delivered = conversations.delivered(c);
            if (c.replySaved()) {
                saved++;
                if (delivered == 1) {
                    deliveredOnce++;
                } else {
                    notDeliveredOnce.add(c.marker + " (" + c.ticketId + ") delivered " + delivered + " times");
                }
            } else if (delivered > 1) {
                notDeliveredOnce.add(c.marker + " (" + c.ticketId + ", reply " + c.reply + ") delivered " + delivered + " times");
            }
        }
        Map<String, String> unsaved = new TreeMap<>();
        talks.stream().filter(c -> !c.replySaved()).forEach(c -> unsaved.put(c.marker, String.valueOf(c.reply)));

        List<String> poisonKeys = poison.sentKeys();
        List<Poison.DeadLetter> deadLetters = poison.deadLetters();
        List<String> poisonMissing = new ArrayList<>();
        for (String key : poisonKeys) {
            for (String group : Poison.GROUPS) {
                if (deadLetters.stream().noneMatch(d -> d.key().equals(key) && d.group().equals(group))) {
                    poisonMissing.add(key + " not dead-lettered by " + group);
                }
            }
        }
        long withoutReason = deadLetters.stream().filter(d -> d.reason() == null || d.reason().isBlank()).count();
        Map<String, Integer> reasons = new TreeMap<>();
        deadLetters.forEach(d -> reasons.merge(d.group() + ": " + shorten(d.reason()), 1, Integer::sum));

        List<FaultReport.Fault> measured = new ArrayList<>();
        for (FaultReport.Fault f : faults) {
            Long flowing = watch.firstQueuedFrom(f.endNanos());
            Double newRequest = requests.stream()
                    .filter(r -> r.firstSentNanos >= f.endNanos() && r.accepted() && watch.queued(r.ticketId) != null)
                    .map(r -> (watch.queued(r.ticketId) - f.endNanos()) / 1e9).min(Double::compare).orElse(null);
            measured.add(f.measured(flowing == null ? null : (flowing - f.endNanos()) / 1e9, newRequest));
        }

        return new FaultReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine(loadAtStart), settings, stackStartSeconds,
                runSeconds, requests.size(), accepted, retried, answers, watch.queuedTickets(), tickets, lost, duplicates, notAcceptedButTicket,
                watch.lifecycleEvents(), watch.ticketsWithLifecycle(), watch.outOfOrder().stream().map(Object::toString).toList(),
                watch.republished(), talks.size(), saved, deliveredOnce, notDeliveredOnce, unsaved, poisonKeys.size(),
                deadLetters.size(), Poison.GROUPS.size() * poisonKeys.size(), poisonMissing, withoutReason, reasons,
                poison.deadLetterCounts(), poison.otherDeadLetters(), measured);
    }

    /** Every ticket of the contacts that start with {@code prefix}, by contact, as ticket-service stored them. */
    private Map<String, Set<String>> ticketsByContact(String prefix) {
        Map<String, Set<String>> tickets = new HashMap<>();
        try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
            for (Document ticket : mongo.getDatabase("numi-ticket").getCollection("tickets").find()) {
                if (ticket.get("status") == null) {
                    continue;
                }
                for (Document contact : ticket.getList("contacts", Document.class, List.of())) {
                    String value = contact.getString("value");
                    if (value != null && value.startsWith(prefix)) {
                        tickets.computeIfAbsent(value, v -> new HashSet<>()).add(ticket.getString("_id"));
                    }
                }
            }
        }
        return tickets;
    }

    /**
     * After a fault: until flow is back (a ticket queued since the fault was over) or the recovery limit has passed, then
     * {@code settle} more. So the next fault never starts while the last one's flow back is still being measured.
     */
    private void settle(TopicWatch watch, List<FaultReport.Fault> faults) {
        long over = faults.get(faults.size() - 1).endNanos();
        long limit = over + settings.recoveryLimit().toNanos();
        while (watch.firstQueuedFrom(over) == null && System.nanoTime() < limit) {
            sleep(Duration.ofMillis(250));
        }
        sleep(settings.settle());
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private static FaultReport.Fault fault(String name, Action action) throws Exception {
        progress("fault: " + name);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        action.run();
        long end = System.nanoTime();
        progress(String.format("  over after %.1f s (restart done / store resumed / records sent)", (end - start) / 1e9));
        return new FaultReport.Fault(name, at.toString(), (end - start) / 1e9, end, null, null);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String shorten(String reason) {
        if (reason == null) {
            return "(no reason)";
        }
        String line = reason.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static Map<String, Object> machine(String loadAtStart) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", Runtime.getRuntime().maxMemory() > 0 ? memoryMib() : null);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("loadAverageAtStart", loadAtStart);
        machine.put("loadAverageAtEnd", loadAverage());
        return machine;
    }

    private static Long memoryMib() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static void progress(String line) {
        System.err.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
