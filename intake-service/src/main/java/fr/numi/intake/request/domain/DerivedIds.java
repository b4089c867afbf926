package fr.numi.intake.request.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ticket reference and tracking token computed from the request id with a keyed hash, for requests
 * whose id comes from the gateway (wamid, CallSid, Idempotency-Key): a retried delivery, even one
 * racing the first, gives exactly the same event, and the original answer can be given again
 * without storing the token. Unguessable without the secret, like the random ones.
 */
public final class DerivedIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private DerivedIds() {}

    public static String ticketId(String secret, String requestId) {
        return ticketId(secret, requestId, 0);
    }

    /**
     * The reference of a request whose first ones were taken by other requests (40 bits collide): attempt 0 is
     * {@link #ticketId(String, String)}, each further attempt another reference, the same for every retry of the
     * request, so a gateway's retry walks the same list and finds the reference it was given.
     */
    public static String ticketId(String secret, String requestId, int attempt) {
        byte[] h = hmac(secret, attempt == 0 ? "ticket:" + requestId : "ticket:" + requestId + "#" + attempt);
        StringBuilder id = new StringBuilder("NUMI-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(CROCKFORD[(h[i] & 0xff) % 32]);
        }
        return id.toString();
    }

    /** 43 URL-safe characters (256 bits), the same shape as a random tracking token. */
    public static String trackingToken(String secret, String requestId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(secret, "tracking:" + requestId));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
