package fr.numi.intake.privacy.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DPO's request to erase one person (a customer id) from numi. It is announced once saved ({@code announced}), and
 * each service that keeps personal data answers when it has erased its part; it is COMPLETED when all have.
 *
 * @param services the services expected to answer, fixed when the erasure is made
 * @param done when each service answered (services that have not are absent)
 */
public record Erasure(String erasureId, String customerId, Instant requestedAt, List<String> services, Map<String, Instant> done,
        boolean announced) {

    public enum Status {
        PENDING,
        COMPLETED
    }

    /** One service's part: DONE once it answered. */
    public record Part(String service, Status status, Instant completedAt) {}

    public Erasure {
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        services = List.copyOf(services);
        done = Map.copyOf(done);
    }

    /** A new erasure, not yet announced, nobody done. */
    public static Erasure requested(String erasureId, String customerId, Instant requestedAt, List<String> services) {
        return new Erasure(erasureId, customerId, requestedAt, services, Map.of(), false);
    }

    public Status status() {
        return done.keySet().containsAll(services) ? Status.COMPLETED : Status.PENDING;
    }

    /** When the last service answered; null while one has not. */
    public Instant completedAt() {
        return status() == Status.PENDING ? null : done.values().stream().max(Instant::compareTo).orElse(requestedAt);
    }

    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        for (String service : services) {
            Instant at = done.get(service);
            parts.add(new Part(service, at == null ? Status.PENDING : Status.COMPLETED, at));
        }
        return parts;
    }
}
