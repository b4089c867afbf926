package fr.numi.contracts.cloudevents;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one input binding accepts: records of {@code topic} whose {@code ce_type} is one of {@code types}, with a JSON
 * body read into the consumer's own record {@code body} (its Bean Validation constraints say which fields it needs).
 */
public record Incoming<T>(String topic, Set<String> types, Class<T> body) {

    public Incoming {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        types = Set.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("an input accepts at least one ce_type");
        }
    }

    public static <T> Incoming<T> of(String topic, Class<T> body, String... types) {
        return new Incoming<>(topic, Set.copyOf(List.of(types)), body);
    }

    public static <T> Incoming<T> of(String topic, Class<T> body, Set<String> types) {
        return new Incoming<>(topic, types, body);
    }
}
