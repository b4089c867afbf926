package fr.numi.intake.request.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes used to keep secrets and personal data out of events. */
public final class Digests {

    private Digests() {}

    /** SHA-256 of the tracking token: ticket-service stores and looks up this, never the token. */
    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Pseudonymous customer id: {@code cus_} + the first 128 bits of HMAC-SHA256(secret, contact). */
    public static String customerId(String secret, Contact contact) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            // Phone and WhatsApp of the same number are the same person.
            // A WhatsApp person known only by a business-scoped user id gets a key of its own.
            String subject = contact.kind() == Contact.Kind.EMAIL
                    ? "email:" + contact.value()
                    : contact.isPhoneNumber() ? "phone:" + contact.value() : "wa-user:" + contact.value();
            byte[] hmac = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return "cus_" + HexFormat.of().formatHex(hmac, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
