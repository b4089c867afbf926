package fr.numi.contracts.testing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Agents' access tokens for the services' tests, signed HS256 with the test secret the services are given
 * ({@code numi.security.jwt.hmac-secret}), with the issuer and audience they check, as the identity provider would
 * issue them. Never used outside tests: the services verify the provider's RS256 tokens in every deployment.
 */
public final class TestTokens {

    public static final String SECRET = "numi-integration-tests-jwt-secret-0123456789";
    public static final String ISSUER = "http://identity.numi.test";
    public static final String AUDIENCE = "numi";

    private TestTokens() {}

    /** A token of agent {@code id} with these roles, valid for an hour. */
    public static String agent(String id, String... roles) {
        return sign(claims(id, List.of(roles), Instant.now().plus(Duration.ofHours(1))).build(), SECRET);
    }

    /** A token signed with {@code secret} (another one: a forged token), of this subject and roles, expiring then. */
    public static String sign(String secret, String subject, List<String> roles, Instant expiresAt) {
        return sign(claims(subject, roles, expiresAt).build(), secret);
    }

    /** The claims of a valid token, to change one for a refusal test. */
    public static JWTClaimsSet.Builder claims(String subject, List<String> roles, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .claim("roles", roles)
                .issueTime(Date.from(min(Instant.now().minusSeconds(5), expiresAt.minus(Duration.ofHours(1)))))
                .expirationTime(Date.from(expiresAt));
        if (subject != null) {
            claims.subject(subject);
        }
        return claims;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }
}
