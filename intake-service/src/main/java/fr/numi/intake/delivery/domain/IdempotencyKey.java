package fr.numi.intake.delivery.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency key of a notification: {@code ntf_} + the first 128 bits of SHA-256(notification id), the same on
 * every attempt, every instance and every redelivery. It is recorded with the delivery before the provider is called and
 * given to the provider that takes one: the {@code Message-ID} of an e-mail is {@code <ntf_…@numi>}. The Twilio Messages
 * API and the WhatsApp Cloud API take no idempotency key on a send (ADR 8).
 */
public final class IdempotencyKey {

    private IdempotencyKey() {}

    public static String of(String notificationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(notificationId.getBytes(StandardCharsets.UTF_8));
            return "ntf_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The e-mail {@code Message-ID} of this key (RFC 5322 msg-id: a dot-atom left of the {@code @}). */
    public static String messageId(String key) {
        return "<" + key + "@numi>";
    }
}
