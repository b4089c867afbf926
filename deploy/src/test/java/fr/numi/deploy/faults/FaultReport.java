package fr.numi.deploy.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a fault suite run found: the figures of docs/reliability.md, the checks and whether each held; a table for
 * people and one JSON line for comparing runs.
 */
record FaultReport(
        String date,
        Map<String, Object> machine,
        FaultSettings settings,
        double stackStartSeconds,
        double runSeconds,
        int requests,
        int accepted,
        int retried,
        Map<String, Integer> answers,
        int queuedTickets,
        long ticketsOfRequests,
        List<String> lost,
        List<String> duplicates,
        int notAcceptedButTicket,
        int lifecycleEvents,
        int ticketsWithLifecycle,
        List<String> outOfOrder,
        int lifecycleRepublished,
        int conversations,
        int repliesSaved,
        int repliesDeliveredOnce,
        List<String> repliesNotDeliveredOnce,
        Map<String, String> repliesNotSaved,
        int poisonSent,
        int poisonDeadLetters,
        int poisonDeadLettersExpected,
        List<String> poisonMissing,
        long poisonWithoutReason,
        Map<String, Integer> poisonReasons,
        Map<String, Integer> deadLetterTopics,
        Map<String, Integer> otherDeadLetters,
        List<Fault> faults) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One fault: when it began, how long until it was over (the process ready again, the store resumed, the records
     * written), how long after that a ticket reached a level queue again (the flow resumed: the backlog's or a new
     * one's; null: none did), and how long after it a request sent then reached its queue (its latency included).
     */
    record Fault(String name, String at, double seconds, long endNanos, Double recoverySeconds, Double newRequestQueuedSeconds) {
        Fault measured(Double recovery, Double newRequestQueued) {
            return new Fault(name, at, seconds, endNanos, recovery, newRequestQueued);
        }
    }

    /** Each check by name: whether it held. */
    Map<String, Boolean> checks() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("requests accepted", accepted > 0);
        checks.put("every 202 on its queue", lost.isEmpty());
        checks.put("no request two tickets", duplicates.isEmpty());
        checks.put("lifecycle in version order", outOfOrder.isEmpty() && lifecycleEvents > 0);
        checks.put("answers delivered exactly once", repliesNotDeliveredOnce.isEmpty() && (settings.conversationEvery().isZero() || repliesSaved > 0));
        checks.put("poison dead-lettered with a reason", poisonSent > 0 && poisonMissing.isEmpty() && poisonWithoutReason == 0);
        checks.put("no other dead letter", otherDeadLetters.isEmpty());
        checks.put("flow back within " + settings.recoveryLimit().toSeconds() + " s", faults.stream().allMatch(
                f -> f.recoverySeconds() != null && f.recoverySeconds() <= settings.recoveryLimit().toSeconds()));
        return checks;
    }

    boolean passed() {
        return checks().values().stream().allMatch(Boolean::booleanValue);
    }

    /** The checks that failed, with what failed them, for a test's message. */
    String failures() {
        StringBuilder out = new StringBuilder();
        checks().forEach((check, held) -> {
            if (!held) {
                out.append(check).append(" FAILED\n");
            }
        });
        first(out, "lost", lost);
        first(out, "duplicates", duplicates);
        first(out, "out of order", outOfOrder);
        first(out, "answers not delivered once", repliesNotDeliveredOnce);
        first(out, "poison", poisonMissing);
        if (!otherDeadLetters.isEmpty()) {
            out.append("other dead letters: ").append(otherDeadLetters).append('\n');
        }
        return out.toString();
    }

    private static void first(StringBuilder out, String what, List<String> items) {
        if (!items.isEmpty()) {
            out.append(what).append(" (").append(items.size()).append("): ").append(items.subList(0, Math.min(10, items.size()))).append('\n');
        }
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", "numi-faults");
        json.put("date", date);
        json.put("passed", passed());
        json.put("checks", checks());
        json.put("machine", machine);
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("ratePerSecond", settings.rate());
        setup.put("warmUpSeconds", settings.warmUp().toSeconds());
        setup.put("settleSeconds", settings.settle().toSeconds());
        setup.put("infraDownSeconds", settings.infraDown().toSeconds());
        setup.put("pauseSeconds", settings.pause().toSeconds());
        setup.put("servicesKilled", settings.services());
        setup.put("poisonRounds", settings.poisonRounds());
        setup.put("conversationEverySeconds", settings.conversationEvery().toSeconds());
        setup.put("stackStartSeconds", round(stackStartSeconds));
        setup.put("runSeconds", round(runSeconds));
        json.put("setup", setup);
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("requests", requests);
        load.put("accepted", accepted);
        load.put("retriedByClient", retried);
        load.put("answers", answers);
        json.put("load", load);
        Map<String, Object> tickets = new LinkedHashMap<>();
        tickets.put("ofRequests", ticketsOfRequests);
        tickets.put("queued", queuedTickets);
        tickets.put("lost", lost.size());
        tickets.put("duplicates", duplicates.size());
        tickets.put("notAcceptedButTicket", notAcceptedButTicket);
        tickets.put("lifecycleEvents", lifecycleEvents);
        tickets.put("ticketsWithLifecycle", ticketsWithLifecycle);
        tickets.put("outOfOrder", outOfOrder.size());
        tickets.put("lifecycleRepublished", lifecycleRepublished);
        json.put("tickets", tickets);
        Map<String, Object> answersToPeople = new LinkedHashMap<>();
        answersToPeople.put("conversations", conversations);
        answersToPeople.put("repliesSaved", repliesSaved);
        answersToPeople.put("deliveredOnce", repliesDeliveredOnce);
        answersToPeople.put("notDeliveredOnce", repliesNotDeliveredOnce.size());
        answersToPeople.put("repliesNotSaved", repliesNotSaved);
        json.put("notifications", answersToPeople);
        Map<String, Object> poison = new LinkedHashMap<>();
        poison.put("sent", poisonSent);
        poison.put("deadLetters", poisonDeadLetters);
        poison.put("expected", poisonDeadLettersExpected);
        poison.put("missing", poisonMissing.size());
        poison.put("withoutReason", poisonWithoutReason);
        poison.put("reasons", poisonReasons);
        json.put("poison", poison);
        json.put("deadLetterTopics", deadLetterTopics);
        json.put("otherDeadLetters", otherDeadLetters);
        json.put("faults", faults.stream().map(f -> {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("fault", f.name());
            fault.put("at", f.at());
            fault.put("seconds", round(f.seconds()));
            fault.put("recoverySeconds", f.recoverySeconds() == null ? null : round(f.recoverySeconds()));
            fault.put("newRequestQueuedSeconds", f.newRequestQueuedSeconds() == null ? null : round(f.newRequestQueuedSeconds()));
            return fault;
        }).toList());
        return json;
    }

    String jsonLine() {
        return JSON.writeValueAsString(json());
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("numi fault suite, ").append(date).append(passed() ? ": PASSED" : ": FAILED").append('\n');
        out.append("machine: ").append(machine).append('\n');
        out.append("settings: ").append(settings).append('\n');
        out.append(String.format(Locale.ROOT, "stack start %.0f s, run %.0f s%n%n", stackStartSeconds, runSeconds));
        out.append(String.format(Locale.ROOT, "requests %d, 202 %d (retried by the client %d), answers %s%n", requests, accepted, retried, answers));
        out.append(String.format(Locale.ROOT, "tickets of the requests %d, lost %d, duplicates %d; not accepted yet a ticket %d%n", ticketsOfRequests,
                lost.size(), duplicates.size(), notAcceptedButTicket));
        out.append(String.format(Locale.ROOT, "lifecycle: %d events of %d tickets, out of order %d, published again %d%n", lifecycleEvents,
                ticketsWithLifecycle, outOfOrder.size(), lifecycleRepublished));
        out.append(String.format(Locale.ROOT, "answers: %d conversations, %d replies saved, %d delivered exactly once, %d not; not saved %s%n",
                conversations, repliesSaved, repliesDeliveredOnce, repliesNotDeliveredOnce.size(), repliesNotSaved));
        out.append(String.format(Locale.ROOT, "poison: %d records, %d dead letters of %d expected, %d without reason%n", poisonSent, poisonDeadLetters,
                poisonDeadLettersExpected, poisonWithoutReason));
        poisonReasons.forEach((reason, count) -> out.append(String.format(Locale.ROOT, "  %3d × %s%n", count, reason)));
        out.append("dead-letter topics: ").append(deadLetterTopics).append(", not poison: ").append(otherDeadLetters).append("\n\n");
        out.append(String.format(Locale.ROOT, "%-40s %-22s %10s %12s %16s%n", "fault", "at", "over in s", "flow back s", "new request s"));
        for (Fault f : faults) {
            out.append(String.format(Locale.ROOT, "%-40s %-22s %10.1f %12s %16s%n", f.name(), f.at(), f.seconds(), seconds(f.recoverySeconds()),
                    seconds(f.newRequestQueuedSeconds())));
        }
        out.append('\n');
        checks().forEach((check, held) -> out.append(String.format(Locale.ROOT, "%-40s %s%n", check, held ? "ok" : "FAILED")));
        String failures = failures();
        if (!failures.isEmpty()) {
            out.append('\n').append(failures);
        }
        return out.toString();
    }

    private static String seconds(Double value) {
        return value == null ? "never" : String.format(Locale.ROOT, "%.1f", value);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
