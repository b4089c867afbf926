package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.domain.IllegalTransitionException;
import fr.numi.ticket.ticket.domain.Ticket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Use case: the person follows their ticket with the private token they were given. Only the
 * token's SHA-256 is stored, so a leaked database does not leak tracking links.
 */
@Service
public class TrackTicket {

    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final TicketStore store;
    private final TicketChanges changes;
    private final Clock clock;

    public TrackTicket(TicketStore store, TicketChanges changes, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * The person answers « Est-ce réglé ? » on the page of this token.
     *
     * @return the ticket after the answer; empty for an unknown token
     * @throws fr.numi.ticket.ticket.domain.IllegalTransitionException when the ticket is not waiting for that answer
     */
    public Mono<Ticket> answerResolution(String token, boolean solved) {
        return byToken(token).flatMap(found -> Mono.fromCallable(() -> changes.apply(found.id(), false, ticket -> {
                    if (!ticket.resolutionAnswered(solved, clock.instant())) {
                        throw new IllegalTransitionException("answer the resolution of", ticket.status());
                    }
                    return true;
                }))
                .subscribeOn(Schedulers.boundedElastic()));
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
