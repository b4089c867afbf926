package fr.numi.contracts.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import fr.numi.contracts.settings.MissingSettingException;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The key that wraps every customer key at rest in the key store ({@code NUMI_PRIVACY_MASTER_KEY}: 32 bytes as 64 hex
 * digits). The local run generates one; a deployment keeps it in its secret store, or replaces {@link MongoCustomerKeys}
 * with a KMS-backed {@link CustomerKeys}.
 */
public final class MasterKey {

    public static final String VARIABLE = "NUMI_PRIVACY_MASTER_KEY";

    private MasterKey() {}

    /** The AEAD of the master key; start-up stops with a message naming the variable when it is absent or malformed. */
    public static Aead of(String hex) {
        if (hex == null || hex.isBlank()) {
            throw new MissingSettingException(VARIABLE, "the 32-byte key (64 hex digits) that wraps every customer's key");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " is not hexadecimal (64 hex digits expected)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(VARIABLE + " has " + bytes.length + " bytes; 32 expected (64 hex digits)");
        }
        try {
            return new AesGcmJce(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(VARIABLE + " cannot make an AES-256-GCM key", e);
        }
    }
}
