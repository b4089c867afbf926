package fr.numi.urgency.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Agents' JWTs as the identity provider (or ticket-service's dev tokens) would sign them. */
public final class Tokens {

    /** The secret of the shared test setup ({@link UrgencyIntegrationTest}). */
    public static final String SECRET = "test-secret-for-urgency-service-0123456789";

    private Tokens() {}

    public static String agent(String id, String... roles) {
        return sign(SECRET, id, List.of(roles), Instant.now().plusSeconds(600));
    }

    public static String sign(String secret, String subject, List<String> roles, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .claim("roles", roles)
                    .issueTime(Date.from(Instant.now().minusSeconds(60)))
                    .expirationTime(Date.from(expiresAt))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError("could not sign a test token", e);
        }
    }
}
