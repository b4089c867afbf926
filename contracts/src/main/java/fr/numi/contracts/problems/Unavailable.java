package fr.numi.contracts.problems;

import fr.numi.contracts.messaging.FaultClassifier;
import fr.numi.contracts.messaging.FaultClassifier.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Tells, from the exception an HTTP request ended with, that a dependency (MongoDB above all; the broker, a provider)
 * is unavailable rather than the request wrong or the code broken, with the lists consumers use
 * ({@code numi.consumer.*}, {@link FaultClassifier}), and when to come back. {@link ProblemDetailsHandler} answers such a
 * request 503 {@code temporarily-unavailable} with {@code Retry-After} instead of 500.
 *
 * @param faults the classification of failures
 * @param retryAfter what {@code Retry-After} says: when the database's circuit breaker lets a call try again
 */
public record Unavailable(FaultClassifier faults, Duration retryAfter) {

    /** Nothing is a dependency's failure: every unexpected exception stays a 500 (a handler built outside Spring). */
    public static final Unavailable NOTHING = new Unavailable(new FaultClassifier(List.of(), List.of(), List.of()), Duration.ofSeconds(5));

    public static final String TYPE = "temporarily-unavailable";

    /** The exception that says a dependency is unavailable (the driver's own, past Spring's translation), if one does. */
    public Optional<Throwable> culprit(Throwable failure) {
        Verdict verdict = faults.classify(failure);
        return verdict.dependency() ? Optional.of(verdict.culprit()) : Optional.empty();
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The one answer, whichever service and whichever dependency: the person or the gateway comes back later. */
    public ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, TYPE, "Service momentanément indisponible",
                "Le service ne peut pas traiter la demande pour le moment. Réessayez dans " + retryAfterSeconds() + " secondes.");
    }
}
