package fr.numi.deploy.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The provider's RSA signing key, made once and kept in the data folder (mode 600), so that tokens signed before a
 * restart still verify after it, and the services' cached key set stays right.
 */
final class SigningKey {

    private SigningKey() {}

    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("the identity provider's signing key " + file + " cannot be read or written", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the identity provider's signing key " + file + " is not a JWK: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("no RSA key could be generated", e);
        }
    }
}
