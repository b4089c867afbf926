package fr.numi.intake.tracking.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A one-time code that proves a contact typed on the web form: six digits sent to it, valid ten
 * minutes, five tries. Only a keyed hash of the code is stored.
 */
public final class VerificationCode {

    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int MAX_TRIES = 5;
    /** Codes sent for one ticket, or to one contact, within an hour: beyond, 429. */
    public static final int MAX_SENT_PER_HOUR = 3;

    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCode() {}

    public static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** HMAC of the code bound to the ticket, so a stolen table does not give codes away. */
    public static String hash(String secret, String ticketId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("verify:" + ticketId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** Compares in constant time. */
    public static boolean matches(String expectedHash, String actualHash) {
        return expectedHash != null && MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
                actualHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean wellFormed(String code) {
        return code != null && code.strip().matches("\\d{6}");
    }

    /** What a check of a code says. */
    public enum Outcome {
        VERIFIED,
        WRONG,
        EXPIRED,
        TOO_MANY_TRIES
    }

    /**
     * The pending code of one ticket.
     *
     * @param codeHash null when no code is pending
     */
    public record Pending(String ticketId, String codeHash, Instant expiresAt, int tries) {

        public Outcome check(String givenHash, Instant now) {
            if (codeHash == null || now.isAfter(expiresAt)) {
                return Outcome.EXPIRED;
            }
            if (tries >= MAX_TRIES) {
                return Outcome.TOO_MANY_TRIES;
            }
            return matches(codeHash, givenHash) ? Outcome.VERIFIED : Outcome.WRONG;
        }
    }
}
