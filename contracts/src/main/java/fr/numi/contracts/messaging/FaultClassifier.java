package fr.numi.contracts.messaging;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tells why a consumer could not process a record, from the exception it threw: the record is at fault, or a dependency
 * (MongoDB, the broker, a provider) is unavailable. Classes are named, not loaded ({@code numi.consumer.*} of
 * numi-defaults.yml), so a service needs none of the libraries a list names.
 *
 * <p>The cause chain is walked from the outside in, and the first exception whose class (or a superclass) is named
 * decides: the code that threw {@code RejectedEventException} knew the record was bad, whatever it caught; an
 * {@code IllegalStateException("broker did not acknowledge …")} names nothing and its cause, a Kafka
 * {@code TimeoutException}, decides. An exception none of the lists names is {@link Fault#UNKNOWN} (a bug, most likely):
 * handled as a bad record, so that one record never stops its partition for good.
 */
public final class FaultClassifier {

    /** What a failed record calls for. */
    public enum Fault {
        /** A dependency is unavailable: the same record again, without limit, never to the dead-letter topic. */
        DEPENDENCY,
        /** The record is unreadable, invalid or refused: a few attempts, then the dead-letter topic with the reason. */
        BAD_RECORD,
        /** The service says the failure is final (the binder's {@code retryable-exceptions: false}): dead-letter at once. */
        FINAL,
        /** Nothing named it: handled as a bad record. */
        UNKNOWN
    }

    /**
     * @param fault what the record calls for
     * @param culprit the exception that decided (for {@link Fault#DEPENDENCY}, the driver's own exception rather than
     *     Spring's translation of it, when the chain has both); for {@link Fault#UNKNOWN} the outermost one that is not a
     *     framework wrapper
     */
    public record Verdict(Fault fault, Throwable culprit) {

        /** The reason a dead letter carries ({@code x-exception-message}): the culprit's message, else its class. */
        public String reason() {
            String message = culprit.getMessage();
            return message == null || message.isBlank() ? culprit.getClass().getName() : message;
        }

        public boolean dependency() {
            return fault == Fault.DEPENDENCY;
        }
    }

    /** Exceptions that only carry another (listener container, messaging, Reactor, futures), never a reason of their own. */
    static final Set<String> WRAPPERS = Set.of(
            "org.springframework.kafka.listener.ListenerExecutionFailedException",
            "org.springframework.messaging.MessagingException",
            "reactor.core.Exceptions$ReactiveException",
            "java.util.concurrent.CompletionException",
            "java.util.concurrent.ExecutionException",
            "java.lang.reflect.UndeclaredThrowableException",
            "java.lang.reflect.InvocationTargetException");

    /** Spring's translations of a driver's exceptions: the driver's own, beneath, says more. */
    static final Set<String> TRANSLATIONS = Set.of("org.springframework.dao.DataAccessException");

    private static final int MAX_DEPTH = 32;

    private final Set<String> dependency;
    private final Set<String> badRecord;
    private final Set<String> finalFailures;

    /**
     * @param dependency classes (fully qualified) that say a dependency is unavailable
     * @param badRecord classes that say the record is bad
     * @param finalFailures classes that say the failure is final (dead-letter at once)
     */
    public FaultClassifier(Collection<String> dependency, Collection<String> badRecord, Collection<String> finalFailures) {
        this.dependency = Set.copyOf(dependency);
        this.badRecord = Set.copyOf(badRecord);
        this.finalFailures = Set.copyOf(finalFailures);
    }

    /** The same lists, plus these final failures (one binding's {@code retryable-exceptions: false}). */
    public FaultClassifier withFinalFailures(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        return new FaultClassifier(dependency, badRecord, Stream.concat(finalFailures.stream(), more.stream()).collect(Collectors.toSet()));
    }

    public Verdict classify(Throwable failure) {
        Throwable firstOwn = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH && seen.add(t); t = t.getCause(), depth++) {
            Fault fault = named(t.getClass());
            if (fault == Fault.DEPENDENCY) {
                return new Verdict(fault, untranslated(t));
            }
            if (fault != null) {
                return new Verdict(fault, t);
            }
            if (firstOwn == null && !is(t, WRAPPERS)) {
                firstOwn = t;
            }
        }
        return new Verdict(Fault.UNKNOWN, firstOwn != null ? firstOwn : failure);
    }

    /** The class or its nearest superclass that a list names; null if none does. */
    private Fault named(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String name = c.getName();
            if (finalFailures.contains(name)) {
                return Fault.FINAL;
            }
            if (badRecord.contains(name)) {
                return Fault.BAD_RECORD;
            }
            if (dependency.contains(name)) {
                return Fault.DEPENDENCY;
            }
        }
        return null;
    }

    /** Past Spring's translations ({@code DataAccessException}) to the driver's own exception, when the chain has one. */
    private Throwable untranslated(Throwable from) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        Throwable found = from;
        for (Throwable t = from; t != null && depth < MAX_DEPTH && seen.add(t) && is(found, TRANSLATIONS); t = t.getCause(), depth++) {
            if (t != from && named(t.getClass()) == Fault.DEPENDENCY) {
                found = t;
            }
        }
        return found;
    }

    private static boolean is(Throwable t, Set<String> names) {
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
