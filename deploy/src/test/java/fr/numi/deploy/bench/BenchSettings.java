package fr.numi.deploy.bench;

import fr.numi.deploy.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What deploy/bench/pipeline.sh passes as environment variables (documented there and in docs/performance.md).
 *
 * @param rates ordinary web requests per second, one measured phase each, in order (0: red buttons only)
 * @param phase how long each rate (and the flat-out phase) sends
 * @param warmUp how long the warm-up sends, at the first non-zero rate, before anything is measured
 * @param flatOut whether a last phase sends flat out
 * @param flatOutConcurrency requests in flight during the flat-out phase
 * @param redButtonsPerSecond red-button requests per second in every phase, beside the ordinary ones
 * @param drain how long after a phase at most to wait for its backlog to clear before the next one
 * @param maxInFlight requests the generator lets wait for an answer; beyond, a due request is not sent and counted
 * @param rateLimits intake's rate limits ({@code NUMI_INTAKE_RATE_LIMIT_ENABLED}); off unless asked
 * @param instances instances per service ({@code NUMI_<SERVICE>_INSTANCES}, 1 each by default)
 */
record BenchSettings(
        List<Double> rates,
        Duration phase,
        Duration warmUp,
        boolean flatOut,
        int flatOutConcurrency,
        double redButtonsPerSecond,
        Duration drain,
        int maxInFlight,
        boolean rateLimits,
        Map<String, Integer> instances) {

    static final String RATE_LIMIT_VARIABLE = "NUMI_INTAKE_RATE_LIMIT_ENABLED";
    /** The backlog check: tickets still not on a queue this long after their phase stopped sending. */
    static final Duration BACKLOG_CHECK = Duration.ofSeconds(10);

    static BenchSettings fromEnvironment(Map<String, String> env) {
        List<Double> rates = new ArrayList<>();
        for (String rate : env.getOrDefault("NUMI_BENCH_RATES", "10 20 50 100 150 300").trim().split("[\\s,]+")) {
            if (!rate.isEmpty()) {
                rates.add(number("NUMI_BENCH_RATES", rate, 0));
            }
        }
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            String variable = instancesVariable(service);
            instances.put(service, (int) number(variable, env.getOrDefault(variable, "1"), 1));
        }
        Duration drain = seconds(env, "NUMI_BENCH_DRAIN", 60);
        if (drain.compareTo(BACKLOG_CHECK) < 0) {
            throw new IllegalArgumentException("NUMI_BENCH_DRAIN must be at least " + BACKLOG_CHECK.toSeconds() + " s (the backlog check)");
        }
        BenchSettings settings = new BenchSettings(
                List.copyOf(rates),
                seconds(env, "NUMI_BENCH_DURATION", 60),
                seconds(env, "NUMI_BENCH_WARMUP", 30),
                bool(env, "NUMI_BENCH_FLAT_OUT", true),
                (int) number("NUMI_BENCH_FLAT_OUT_CONCURRENCY", env.getOrDefault("NUMI_BENCH_FLAT_OUT_CONCURRENCY", "64"), 1),
                number("NUMI_BENCH_RED_BUTTONS", env.getOrDefault("NUMI_BENCH_RED_BUTTONS", "2"), 0),
                drain,
                (int) number("NUMI_BENCH_MAX_IN_FLIGHT", env.getOrDefault("NUMI_BENCH_MAX_IN_FLIGHT", "2000"), 1),
                bool(env, RATE_LIMIT_VARIABLE, false),
                Map.copyOf(instances));
        if (settings.rates.isEmpty() && !settings.flatOut) {
            throw new IllegalArgumentException("nothing to measure: NUMI_BENCH_RATES is empty and NUMI_BENCH_FLAT_OUT is false");
        }
        if (settings.phase.isZero()) {
            throw new IllegalArgumentException("NUMI_BENCH_DURATION must be at least 1 s");
        }
        return settings;
    }

    /** {@code NUMI_TICKET_INSTANCES} for ticket-service, as deploy/local/numi-local.sh names it. */
    static String instancesVariable(String service) {
        return "NUMI_" + service.substring(0, service.indexOf('-')).toUpperCase(Locale.ROOT) + "_INSTANCES";
    }

    /** The rate the warm-up sends at: the first non-zero rate, else 10 a second. */
    double warmUpRate() {
        return rates.stream().filter(r -> r > 0).findFirst().orElse(10.0);
    }

    private static Duration seconds(Map<String, String> env, String name, int fallback) {
        return Duration.ofSeconds((long) number(name, env.getOrDefault(name, Integer.toString(fallback)), 0));
    }

    private static double number(String name, String value, double min) {
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
        if (!(number >= min) || Double.isInfinite(number)) {
            throw new IllegalArgumentException(name + " must be at least " + (long) min + ", was '" + value + "'");
        }
        return number;
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }
}
