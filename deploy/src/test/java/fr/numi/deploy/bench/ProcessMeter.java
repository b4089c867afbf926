package fr.numi.deploy.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU and resident memory of the stack's processes (each service instance and the infrastructure) and, apart, of
 * this JVM (the load generator and the Kafka reader: {@link #HARNESS}). Memory is sampled every second: the peak
 * of the stack's total since the last {@link #takePeakKib()}, and each process's own peak.
 */
final class ProcessMeter implements AutoCloseable {

    static final String HARNESS = "benchmark";

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> peakByProcess = new ConcurrentHashMap<>();
    private final AtomicLong phasePeak = new AtomicLong();
    private final AtomicLong overallPeak = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "process-meter");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code stack}: name → pid of every process of the stack. */
    ProcessMeter(Map<String, Long> stack) {
        pids.putAll(stack);
        pids.put(HARNESS, ProcessHandle.current().pid());
        sampler.scheduleAtFixedRate(this::sampleMemory, 0, 1, TimeUnit.SECONDS);
    }

    /** Every process now (those gone are left out). */
    Map<String, ProcFiles.Sample> now() {
        Map<String, ProcFiles.Sample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcFiles.sample(pid).ifPresent(sample -> samples.put(name, sample)));
        return samples;
    }

    /** CPU ticks of the stack's processes between two {@link #now()}, the harness left out. */
    static long stackTicks(Map<String, ProcFiles.Sample> from, Map<String, ProcFiles.Sample> to) {
        long ticks = 0;
        for (Map.Entry<String, ProcFiles.Sample> end : to.entrySet()) {
            ProcFiles.Sample start = from.get(end.getKey());
            if (!end.getKey().equals(HARNESS) && start != null) {
                ticks += end.getValue().cpuTicks() - start.cpuTicks();
            }
        }
        return ticks;
    }

    private void sampleMemory() {
        long total = 0;
        for (Map.Entry<String, ProcFiles.Sample> entry : now().entrySet()) {
            long rss = entry.getValue().rssKib();
            peakByProcess.merge(entry.getKey(), rss, Math::max);
            if (!entry.getKey().equals(HARNESS)) {
                total += rss;
            }
        }
        long stackTotal = total;
        phasePeak.accumulateAndGet(stackTotal, Math::max);
        overallPeak.accumulateAndGet(stackTotal, Math::max);
    }

    /** The peak of the stack's total resident memory since the last call, in KiB. */
    long takePeakKib() {
        sampleMemory();
        return phasePeak.getAndSet(0);
    }

    long overallPeakKib() {
        return overallPeak.get();
    }

    /** Each process's own peak resident memory, in KiB. */
    Map<String, Long> peakByProcessKib() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        pids.keySet().forEach(name -> peaks.put(name, peakByProcess.getOrDefault(name, 0L)));
        return peaks;
    }

    Map<String, Long> pids() {
        return Map.copyOf(pids);
    }

    /** The stack's processes that have exited. */
    List<String> gone() {
        return pids.entrySet().stream()
                .filter(e -> !e.getKey().equals(HARNESS))
                .filter(e -> ProcessHandle.of(e.getValue()).map(h -> !h.isAlive()).orElse(true))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
