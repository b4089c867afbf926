package fr.numi.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** One reading of agents' tokens for every service: sub required, roles as ROLE_* authorities, the highest level wins. */
class AgentTokensTest {

    static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    final ReactiveJwtDecoder decoder = AgentTokens.decoder("numi.test.hmac-secret", SECRET, null);

    static String token(String subject, Object roles) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(600)));
        if (subject != null) {
            claims.subject(subject);
        }
        claims.claim("roles", roles);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    AbstractAuthenticationToken authenticate(String token) {
        return decoder.decode(token).flatMap(AgentTokens.authentication()::convert).block();
    }

    @Test
    void shouldNameTheAgentBySubAndGiveTheHighestLevel() throws Exception {
        AbstractAuthenticationToken auth = authenticate(token("alice", List.of("AGENT_L1", "AGENT_L2")));

        assertThat(auth.getName()).isEqualTo("alice");
        assertThat(AgentTokens.level(auth)).isEqualTo(2);
        assertThat(AgentTokens.supervisor(auth)).isFalse();
        assertThat(auth.getAuthorities()).extracting(Object::toString).contains("ROLE_AGENT_L1", "ROLE_AGENT_L2");
    }

    @Test
    void shouldReadASupervisorAsLevel3AndRolesWrittenAsOneString() throws Exception {
        AbstractAuthenticationToken auth = authenticate(token("bob", "SUPERVISOR"));

        assertThat(AgentTokens.level(auth)).isEqualTo(3);
        assertThat(AgentTokens.supervisor(auth)).isTrue();
    }

    @Test
    void shouldGiveLevel0ToATokenWithoutAnAgentRole() throws Exception {
        assertThat(AgentTokens.level(authenticate(token("carol", List.of("CUSTOMER"))))).isZero();
    }

    @Test
    void shouldRefuseATokenWithoutOrWithABlankSubject() {
        assertThatThrownBy(() -> authenticate(token(" ", List.of("AGENT_L3")))).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> authenticate(token(null, List.of("AGENT_L3")))).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void shouldRefuseEveryTokenWithoutAKeyAndAShortSecretAtStartUp() throws Exception {
        String token = token("alice", List.of("AGENT_L3"));
        assertThatThrownBy(() -> AgentTokens.decoder("s", null, " ").decode(token).block()).hasMessageContaining("no key configured");
        assertThatThrownBy(() -> AgentTokens.decoder("numi.x.hmac-secret", "short", null))
                .hasMessage("numi.x.hmac-secret must be at least 32 bytes (NUMI_JWT_SECRET)");
    }
}
