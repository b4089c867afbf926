package fr.numi.intake.request.domain;

import java.util.random.RandomGenerator;

/**
 * Makes the two identifiers a person receives: a ticket reference short enough to read over the
 * phone ({@code NUMI-7K3Q-9XMD}, Crockford base32 with no I, L, O, U) and an unguessable private
 * tracking token (256 random bits, URL-safe). A reference has 40 bits: two requests may draw the same one, so it is
 * only handed out once reserved ({@code TicketReferences}); the random source is given (a {@code SecureRandom} in
 * production, a scripted one in a test that forces a collision).
 */
public final class TicketIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final char[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private final RandomGenerator random;

    public TicketIds(RandomGenerator random) {
        this.random = random;
    }

    public String newTicketId() {
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(CROCKFORD[random.nextInt(CROCKFORD.length)]);
        }
        return id.toString();
    }

    public String newTrackingToken() {
        StringBuilder token = new StringBuilder(43);
        for (int i = 0; i < 43; i++) {
            token.append(URL_SAFE[random.nextInt(URL_SAFE.length)]);
        }
        return token.toString();
    }
}
