package fr.numi.contracts.cloudevents;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What one input binding accepts: records of {@code topic} whose {@code ce_type} it accepts, with a JSON body read into
 * the consumer's own record {@code body} (its Bean Validation constraints say which fields it needs).
 *
 * @param accepted the accepted types as a reason names them
 */
public record Incoming<T>(String topic, Class<T> body, Predicate<String> types, String accepted) {

    public Incoming {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(types, "types");
    }

    /** An input that accepts exactly these types. */
    public static <T> Incoming<T> of(String topic, Class<T> body, String... types) {
        Set<String> accepted = Set.copyOf(List.of(types));
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("an input accepts at least one ce_type");
        }
        return new Incoming<>(topic, body, accepted::contains, String.join(", ", new TreeSet<>(accepted)));
    }

    /**
     * An input that accepts every type of a family, those a producer may add within the topic's major version too
     * (e.g. {@code fr\.numi\.ticket\.ticket-[a-z-]+\.v1} on {@code ticket.lifecycle.v1}).
     */
    public static <T> Incoming<T> matching(String topic, Class<T> body, String typePattern) {
        Pattern pattern = Pattern.compile(typePattern);
        return new Incoming<>(topic, body, type -> pattern.matcher(type).matches(), typePattern);
    }
}
