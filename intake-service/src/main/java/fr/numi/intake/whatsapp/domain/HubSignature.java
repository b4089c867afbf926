package fr.numi.intake.whatsapp.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256(app secret, raw body). */
public final class HubSignature {

    public enum Check {
        VALID,
        MISSING,
        INVALID
    }

    private HubSignature() {}

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** Compares in constant time, on the raw bytes as received (before any parsing). */
    public static Check verify(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        if (secret == null || secret.isEmpty()) {
            return Check.INVALID;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Check.VALID : Check.INVALID;
    }
}
