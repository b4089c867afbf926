package fr.numi.deploy.faults;

import fr.numi.deploy.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What deploy/faults/run.sh passes as environment variables (documented there and in docs/reliability.md), or what
 * {@link FaultSuiteIT} asks for its short run.
 *
 * @param rate web requests per second, all along the run
 * @param warmUp load before the first fault
 * @param settle load after each fault has ended (restart done, store resumed, poison sent) before the next one
 * @param infraDown how long the broker+store process stays dead before it is started again; zero: it is not killed
 * @param pause how long the store is paused (SIGSTOP, then SIGCONT)
 * @param services the services killed (SIGKILL) and restarted, one after another
 * @param poisonRounds how many times each poison record (invalid JSON, unknown version, missing field) is sent to
 *     every partition of {@code intake.request-received.v1}
 * @param conversationEvery how often an agent takes a new WhatsApp conversation and answers it (0: never)
 * @param drain how long at most after the load stops for every accepted request to be queued and every answer sent
 * @param recoveryLimit the longest a restart may take to see new requests flow to the queues again
 */
public record FaultSettings(
        double rate,
        Duration warmUp,
        Duration settle,
        Duration infraDown,
        Duration pause,
        List<String> services,
        int poisonRounds,
        Duration conversationEvery,
        Duration drain,
        Duration recoveryLimit) {

    /** The figure: flow must be back within 30 s of each restart. */
    public static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    public FaultSettings {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("NUMI_FAULTS_RATE must be above 0, was " + rate);
        }
        for (String service : services) {
            if (!LocalStack.SERVICES.contains(service)) {
                throw new IllegalArgumentException("NUMI_FAULTS_SERVICES: unknown service " + service + " (one of " + LocalStack.SERVICES + ")");
            }
        }
        services = List.copyOf(services);
    }

    /** The full run: every service killed once, the store paused 60 s. */
    static FaultSettings fromEnvironment(Map<String, String> env) {
        List<String> services = new ArrayList<>();
        for (String service : env.getOrDefault("NUMI_FAULTS_SERVICES", String.join(" ", LocalStack.SERVICES)).trim().split("[\\s,]+")) {
            if (!service.isEmpty()) {
                services.add(service);
            }
        }
        return new FaultSettings(
                number(env, "NUMI_FAULTS_RATE", 5),
                seconds(env, "NUMI_FAULTS_WARMUP", 30),
                seconds(env, "NUMI_FAULTS_SETTLE", 30),
                seconds(env, "NUMI_FAULTS_INFRA_DOWN", 30),
                seconds(env, "NUMI_FAULTS_PAUSE", 60),
                services,
                (int) number(env, "NUMI_FAULTS_POISON_ROUNDS", 1),
                seconds(env, "NUMI_FAULTS_CONVERSATION_EVERY", 15),
                seconds(env, "NUMI_FAULTS_DRAIN", 300),
                RECOVERY_LIMIT);
    }

    /** The short run of {@code verify}: a low rate, one broker kill, one service kill, a short pause, a few poison records. */
    static FaultSettings shortRun() {
        // The broker+store process dies for 5 s: the fault that matters most (every accepted request must survive it).
        return new FaultSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                List.of("ticket-service"), 1, Duration.ofSeconds(60), Duration.ofSeconds(150), RECOVERY_LIMIT);
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback) {
        return Duration.ofSeconds((long) number(env, name, fallback));
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number < 0 || Double.isNaN(number) || Double.isInfinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of at least 0, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s requests/s, warm-up %d s, %d s between faults, broker+store down %d s, store paused %d s, "
                        + "services killed %s, %d poison round(s), a conversation every %d s", rate, warmUp.toSeconds(), settle.toSeconds(),
                infraDown.toSeconds(), pause.toSeconds(), services, poisonRounds, conversationEvery.toSeconds());
    }
}
