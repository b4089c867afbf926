package fr.numi.deploy.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured phase gave. Requests count ordinary and red-button ones together (both make tickets); the
 * latencies are each kind's own. Throughput counts tickets first seen on a level queue while the phase sent,
 * whichever phase accepted them. CPU per ticket divides the stack's CPU over the phase's window (from its start
 * to the moment every ticket accepted so far was queued, or the drain limit) by the tickets queued in that same
 * window, so that the work a phase caused is paid for by the CPU measured while it was done.
 *
 * @param name as the table shows it
 * @param ordinaryPerSecond the fixed rate, or {@code null} for the flat-out phase
 * @param seconds how long it sent
 * @param errors answers other than 202, by status or {@link LoadGenerator} outcome
 * @param backlogAtStart tickets accepted earlier and not yet queued when it started
 * @param queued tickets first seen on a level queue while it sent
 * @param queuedInWindow tickets first seen on a level queue in its window
 * @param windowSeconds from its start to the end of its window
 * @param drained whether every accepted ticket so far was queued by the end of the window
 * @param sendToAccepted ordinary requests: from when each was due to its 202
 * @param acceptedToQueued ordinary requests: from the 202 to the ticket's first level-queue record
 * @param unqueuedAfterCheck accepted tickets (both kinds) not queued {@link BenchSettings#BACKLOG_CHECK} after it stopped sending
 * @param stackCpuMs CPU time of every process of the stack over the window
 * @param peakRssKib the stack's largest total resident memory over the window
 */
record PhaseResult(
        String name,
        Double ordinaryPerSecond,
        double redButtonsPerSecond,
        double seconds,
        int sent,
        int accepted,
        Map<String, Integer> errors,
        int backlogAtStart,
        int queued,
        int queuedInWindow,
        double windowSeconds,
        boolean drained,
        Latencies sendToAccepted,
        Latencies acceptedToQueued,
        int unqueuedAfterCheck,
        long stackCpuMs,
        long peakRssKib,
        RedButtons redButtons) {

    /**
     * The phase's red-button requests: from each 202 to the ticket on the level-3 queue, to urgency-service's
     * request to deliver the first instructions, and to ticket-service showing them on the tracking page.
     */
    record RedButtons(int sent, int accepted, Latencies toLevel3Queue, Latencies toInstructionsRequested, Latencies toTrackingPage) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sent", sent);
            json.put("accepted", accepted);
            json.put("toLevel3QueueMs", toLevel3Queue.json());
            json.put("toInstructionsRequestedMs", toInstructionsRequested.json());
            json.put("toTrackingPageMs", toTrackingPage.json());
            return json;
        }
    }

    double acceptedPerSecond() {
        return accepted / seconds;
    }

    double queuedPerSecond() {
        return queued / seconds;
    }

    /** CPU of the whole stack per ticket queued in the window; {@code null} when none was. */
    Double cpuMsPerTicket() {
        return queuedInWindow == 0 ? null : (double) stackCpuMs / queuedInWindow;
    }

    boolean backlogGrew() {
        return unqueuedAfterCheck > 0;
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phase", name);
        json.put("ordinaryPerSecond", ordinaryPerSecond);
        json.put("redButtonsPerSecond", redButtonsPerSecond);
        json.put("seconds", Report.round(seconds));
        json.put("sent", sent);
        json.put("accepted", accepted);
        json.put("errors", errors);
        json.put("acceptedPerSecond", Report.round(acceptedPerSecond()));
        json.put("queued", queued);
        json.put("queuedPerSecond", Report.round(queuedPerSecond()));
        json.put("queuedInWindow", queuedInWindow);
        json.put("windowSeconds", Report.round(windowSeconds));
        json.put("backlogAtStart", backlogAtStart);
        json.put("sendTo202Ms", sendToAccepted.json());
        json.put("acceptedToQueuedMs", acceptedToQueued.json());
        json.put("unqueuedAfter" + BenchSettings.BACKLOG_CHECK.toSeconds() + "s", unqueuedAfterCheck);
        json.put("backlogGrew", backlogGrew());
        json.put("drained", drained);
        json.put("stackCpuMs", stackCpuMs);
        json.put("cpuMsPerTicket", cpuMsPerTicket() == null ? null : Report.round(cpuMsPerTicket()));
        json.put("peakRssMiB", Report.mib(peakRssKib));
        json.put("redButton", redButtons.json());
        return json;
    }
}
