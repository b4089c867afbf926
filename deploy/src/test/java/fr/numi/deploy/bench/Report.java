package fr.numi.deploy.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's outcome: a table for people and one JSON line (the last line printed) for comparing runs.
 *
 * @param date when it ran (UTC, ISO-8601)
 * @param machine CPUs, memory, Java, operating system, load average at the start and at the end
 * @param setup how it ran: where the infrastructure ran, instances, rate limits, JVM flags, phase lengths
 * @param idleStackCpuMsPerSecond the stack's CPU with no traffic (consumers polling, schedulers), for scale
 * @param processes each process's CPU over the whole run (ms) and peak resident memory (KiB), the harness last
 * @param peakStackRssKib the largest total resident memory of the stack's processes, harness left out
 * @param scaleOut how the instances shared the work and whether every request became one ticket, or {@code null}
 * @param aborted why the run stopped early, or {@code null}
 */
record Report(
        String date,
        Map<String, Object> machine,
        Map<String, Object> setup,
        Double idleStackCpuMsPerSecond,
        List<PhaseResult> phases,
        Map<String, ProcessUse> processes,
        long peakStackRssKib,
        ScaleOut scaleOut,
        String aborted) {

    /** One process over the whole run. */
    record ProcessUse(long pid, long cpuMs, long peakRssKib) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The phase the red button is judged under overload: the highest fixed rate (ordinary traffic at its heaviest
     * on schedule), or the flat-out phase when there is no fixed rate.
     */
    PhaseResult overload() {
        return phases.stream()
                .filter(p -> p.ordinaryPerSecond() != null)
                .max(Comparator.comparingDouble(PhaseResult::ordinaryPerSecond))
                .orElse(phases.isEmpty() ? null : phases.get(phases.size() - 1));
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "numi-pipeline");
        json.put("date", date);
        json.put("machine", machine);
        json.put("setup", setup);
        json.put("idleStackCpuMsPerSecond", idleStackCpuMsPerSecond == null ? null : round(idleStackCpuMsPerSecond));
        json.put("phases", phases.stream().map(PhaseResult::json).toList());
        PhaseResult overload = overload();
        if (overload != null) {
            Map<String, Object> red = new LinkedHashMap<>();
            red.put("phase", overload.name());
            red.put("toLevel3QueueP99Ms", overload.redButtons().toLevel3Queue().percentile(99));
            red.put("toInstructionsRequestedP99Ms", overload.redButtons().toInstructionsRequested().percentile(99));
            red.put("toTrackingPageP99Ms", overload.redButtons().toTrackingPage().percentile(99));
            json.put("redButtonUnderOverload", red);
        }
        json.put("peakStackRssMiB", mib(peakStackRssKib));
        Map<String, Object> processes = new LinkedHashMap<>();
        this.processes.forEach((name, use) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("cpuMs", use.cpuMs());
            one.put("peakRssMiB", mib(use.peakRssKib()));
            processes.put(name, one);
        });
        json.put("processes", processes);
        json.put("scaleOut", scaleOut == null ? null : scaleOut.json());
        json.put("aborted", aborted);
        return json;
    }

    /** The JSON object on one line. */
    String jsonLine() {
        return JSON.writeValueAsString(json());
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("numi pipeline benchmark, ").append(date).append('\n');
        out.append("machine: ").append(machine).append('\n');
        out.append("setup: ").append(setup).append('\n');
        if (idleStackCpuMsPerSecond != null) {
            out.append(String.format("idle stack: %.0f ms of CPU per second%n", idleStackCpuMsPerSecond));
        }
        if (aborted != null) {
            out.append("ABORTED: ").append(aborted).append('\n');
        }
        out.append('\n');
        String row = "%-14s %7s %7s %-18s %8s %8s %9s %11s %-22s %9s %9s %9s %8s%n";
        out.append(String.format(row, "phase", "sent", "202", "other answers", "202/s", "queued/s", "window s", "send→202",
                "202→queued ms", "unqueued", "backlog", "CPU ms", "RSS MiB"));
        out.append(String.format(row, "", "", "", "", "", "", "", "p99 ms", "p50 / p99 / max", "+10 s", "at start", "/ticket",
                "peak"));
        for (PhaseResult p : phases) {
            out.append(String.format(row, p.name(), p.sent(), p.accepted(), errors(p.errors()), format(p.acceptedPerSecond()),
                    format(p.queuedPerSecond()), format(p.windowSeconds()), millis(p.sendToAccepted().percentile(99)),
                    p.acceptedToQueued().text(), p.unqueuedAfterCheck() + (p.backlogGrew() ? " (grew)" : ""),
                    p.backlogAtStart(), p.cpuMsPerTicket() == null ? "-" : format(p.cpuMsPerTicket()), mib(p.peakRssKib())));
        }
        out.append('\n');
        String red = "%-14s %9s %-26s %-26s %-26s%n";
        out.append(String.format(red, "red button", "sent/202", "202→level-3 queue ms", "202→instructions asked ms",
                "202→tracking page ms"));
        out.append(String.format(red, "", "", "p50 / p99 / max", "p50 / p99 / max", "p50 / p99 / max"));
        for (PhaseResult p : phases) {
            PhaseResult.RedButtons r = p.redButtons();
            out.append(String.format(red, p.name(), r.sent() + "/" + r.accepted(), r.toLevel3Queue().text(),
                    r.toInstructionsRequested().text(), r.toTrackingPage().text()));
        }
        out.append('\n');
        out.append(String.format("%-22s %8s %10s %13s%n", "process", "pid", "CPU s", "peak RSS MiB"));
        processes.forEach((name, use) -> out.append(String.format("%-22s %8d %10.1f %13d%n",
                name.equals(ProcessMeter.HARNESS) ? name + " (harness)" : name, use.pid(), use.cpuMs() / 1000.0,
                mib(use.peakRssKib()))));
        out.append(String.format("%-22s %8s %10s %13d%n", "stack total (peak)", "", "", mib(peakStackRssKib)));
        if (scaleOut != null) {
            out.append('\n').append(scaleOut.text());
        }
        return out.toString();
    }

    private static String errors(Map<String, Integer> errors) {
        return errors.isEmpty() ? "-" : errors.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String millis(Long value) {
        return value == null ? "-" : Long.toString(value);
    }

    private static String format(double value) {
        return String.format("%.1f", value);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static long mib(long kib) {
        return Math.round(kib / 1024.0);
    }
}
