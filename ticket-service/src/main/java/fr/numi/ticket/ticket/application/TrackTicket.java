package fr.numi.ticket.application;

import fr.numi.ticket.domain.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: the person follows their ticket with the private token they were given. Only the
 * token's SHA-256 is stored, so a leaked database does not leak tracking links.
 */
@Service
public class TrackTicket {

    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final TicketStore store;

    public TrackTicket(TicketStore store) {
        this.store = store;
    }

    /** The ticket of this token; empty for a malformed, unknown or not-yet-visible one alike. */
    public Mono<Ticket> byToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Mono.empty();
        }
        return store.findByTrackingTokenHash(sha256Hex(token)).filter(Ticket::isVisible);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
