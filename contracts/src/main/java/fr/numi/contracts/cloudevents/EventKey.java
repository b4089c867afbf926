package fr.numi.contracts.cloudevents;

import java.util.Objects;

/**
 * The identity of an event, as CloudEvents 1.0 defines it: {@code source} + {@code id}. Two records with the same key
 * are the same event (a redelivery, a producer's retry); a consumer that remembers what it applied remembers these
 * keys, written {@code "<ce_source> <ce_id>"} (a source is a URI-reference, which holds no space, so the first space
 * separates the two).
 */
public record EventKey(String source, String id) {

    public EventKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(id, "id");
    }

    /** The key as stored: {@code "<ce_source> <ce_id>"}, e.g. {@code "/numi/ticket-service NUMI-7K3Q-9XMD:claimed:3"}. */
    public String value() {
        return source + " " + id;
    }

    @Override
    public String toString() {
        return value();
    }
}
