package fr.numi.ticket.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One way to reach the person of a ticket, as the messages brought it.
 *
 * @param kind EMAIL, PHONE or WHATSAPP
 * @param value the address, the E.164 number or the WhatsApp user id
 * @param proven the gateway (or a code the person entered) proved it
 * @param reachableBy how numi may write back through it (WHATSAPP, SMS, EMAIL, TRACKING_PAGE), as
 *     intake decided; empty for a caller on a landline (the agent calls back)
 * @param channel the channel it came on (WEB, WHATSAPP, PHONE)
 * @param lastAt the last message that came with it
 */
public record ContactPoint(String kind, String value, boolean proven, List<String> reachableBy, String channel, Instant lastAt) {

    /** The order in which written routes are preferred: the person's own messaging first. */
    static final List<String> ROUTES = List.of("WHATSAPP", "SMS", "EMAIL", "TRACKING_PAGE");

    public ContactPoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        reachableBy = reachableBy == null ? List.of() : List.copyOf(reachableBy);
    }

    boolean sameAs(ContactPoint other) {
        return kind.equals(other.kind) && value.equals(other.value);
    }

    /** The best written route through this contact, or null. */
    String bestRoute() {
        return ROUTES.stream().filter(reachableBy::contains).findFirst().orElse(null);
    }

    ContactPoint merge(ContactPoint newer) {
        boolean proof = proven || newer.proven;
        List<String> routes = proof && !newer.proven ? reachableBy : newer.reachableBy;
        Instant at = lastAt == null || (newer.lastAt != null && newer.lastAt.isAfter(lastAt)) ? newer.lastAt : lastAt;
        return new ContactPoint(kind, value, proof, routes, newer.channel == null ? channel : newer.channel, at);
    }
}
