package fr.numi.contracts.privacy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A customer's key that is not in the key store yet: made by an instance while the store did not answer. The records it
 * seals carry it, its keyset wrapped by the master key as the store would keep it, in the Kafka header {@link #HEADER}
 * ({@link fr.numi.contracts.cloudevents.EventWriter}), so what they hold still opens for their readers if that instance
 * dies before the store answers: a red button published during a database outage is never read as erased.
 *
 * @param aead the key
 * @param wrapped its keyset encrypted with the master key, the customer id as associated data
 */
public record UnstoredKey(Aead aead, byte[] wrapped) implements Aead {

    /** The record header carrying the wrapped keyset, in base64url (a header may reach a reader as text). */
    public static final String HEADER = "numi-unstored-key";

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        return aead.encrypt(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    /** The header's value. */
    public byte[] header() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(wrapped).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * For a reader of a record that carries its key: opens with {@code carried}, else with the customer's stored key,
     * which {@code stored} gives (asked for once, and only if needed; null when they have none).
     */
    public static Aead carriedFirst(Aead carried, Supplier<Aead> stored) {
        return new CarriedFirst(carried, stored);
    }

    private static final class CarriedFirst implements Aead {
        private final Aead carried;
        private final Supplier<Aead> stored;
        private Aead storedKey;
        private boolean asked;

        CarriedFirst(Aead carried, Supplier<Aead> stored) {
            this.carried = carried;
            this.stored = stored;
        }

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
            throw new UnsupportedOperationException("a reader does not seal");
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            try {
                return carried.decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException e) {
                if (!asked) {
                    asked = true;
                    storedKey = stored.get();
                }
                if (storedKey == null) {
                    throw e;
                }
                return storedKey.decrypt(ciphertext, associatedData);
            }
        }
    }

    /** The wrapped keyset of a header's value, as the binder hands it over (bytes, or text); null when it is not one. */
    public static byte[] wrappedOf(Object header) {
        String text = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII)
                : header instanceof String string ? string : null;
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
