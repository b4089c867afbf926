package fr.numi.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.settings.MissingSettingException;
import fr.numi.contracts.testing.TestTokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * One reading of agents' tokens for every service: signature, expiry, issuer and audience checked, sub required, roles
 * as ROLE_* authorities, the highest level wins.
 */
class AgentTokensTest {

    final ReactiveJwtDecoder decoder =
            AgentTokens.decoder(new AgentTokens.Settings(TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.SECRET));

    static String token(String subject, Object roles) {
        return TestTokens.sign(TestTokens.claims(subject, List.of(), Instant.now().plusSeconds(600)).claim("roles", roles).build(),
                TestTokens.SECRET);
    }

    AbstractAuthenticationToken authenticate(String token) {
        return decoder.decode(token).flatMap(AgentTokens.authentication()::convert).block();
    }

    @Test
    void shouldNameTheAgentBySubAndGiveTheHighestLevel() {
        AbstractAuthenticationToken auth = authenticate(token("alice", List.of("AGENT_L1", "AGENT_L2")));

        assertThat(auth.getName()).isEqualTo("alice");
        assertThat(AgentTokens.level(auth)).isEqualTo(2);
        assertThat(AgentTokens.supervisor(auth)).isFalse();
        assertThat(auth.getAuthorities()).extracting(Object::toString).contains("ROLE_AGENT_L1", "ROLE_AGENT_L2");
    }

    @Test
    void shouldReadASupervisorAsLevel3AndRolesWrittenAsOneString() {
        AbstractAuthenticationToken auth = authenticate(token("bob", "SUPERVISOR"));

        assertThat(AgentTokens.level(auth)).isEqualTo(3);
        assertThat(AgentTokens.supervisor(auth)).isTrue();
    }

    @Test
    void shouldGiveLevel0ToATokenWithoutAnAgentRoleAndReadTheDpoRole() {
        AbstractAuthenticationToken auth = authenticate(token("dora", List.of(AgentTokens.DPO)));

        assertThat(AgentTokens.level(auth)).isZero();
        assertThat(auth.getAuthorities()).extracting(Object::toString).contains("ROLE_DPO").noneMatch(a -> a.startsWith("ROLE_AGENT"));
    }

    @Test
    void shouldRefuseATokenWithoutOrWithABlankSubject() {
        assertThatThrownBy(() -> authenticate(token(" ", List.of("AGENT_L3")))).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> authenticate(token(null, List.of("AGENT_L3")))).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuerOrForAnotherAudience() {
        String otherIssuer = TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L3"), Instant.now().plusSeconds(600))
                .issuer("https://elsewhere.example").build(), TestTokens.SECRET);
        String otherAudience = TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L3"), Instant.now().plusSeconds(600))
                .audience("another-app").build(), TestTokens.SECRET);
        String noAudience = TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L3"), Instant.now().plusSeconds(600))
                .audience((String) null).build(), TestTokens.SECRET);

        assertThatThrownBy(() -> authenticate(otherIssuer)).isInstanceOf(JwtValidationException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> authenticate(otherAudience)).isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> authenticate(noAudience)).isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
    }

    @Test
    void shouldRefuseAnExpiredOrForgedToken() {
        String expired = TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L3"), Instant.now().minusSeconds(300))
                .issueTime(java.util.Date.from(Instant.now().minusSeconds(4000))).build(), TestTokens.SECRET);
        String forged = TestTokens.sign(TestTokens.claims("alice", List.of("SUPERVISOR"), Instant.now().plusSeconds(600)).build(),
                "another-secret-of-at-least-thirty-two-bytes");

        assertThatThrownBy(() -> authenticate(expired)).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> authenticate(forged)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void shouldNotAskTheProviderForItsKeysBeforeTheFirstToken() {
        // nothing listens on port 9: building the decoder must not call the issuer (services may start before it)
        assertThat(AgentTokens.decoder(new AgentTokens.Settings("http://127.0.0.1:9/realms/numi", "numi", null))).isNotNull();
    }

    @Test
    void shouldStopTheStartWithoutAProviderOrWithAShortSecret() {
        assertThatThrownBy(() -> AgentTokens.decoder(new AgentTokens.Settings(" ", "numi", null)))
                .isInstanceOf(MissingSettingException.class)
                .hasMessageStartingWith("NUMI_JWT_ISSUER_URI is not set: the agents' OpenID Connect issuer");
        assertThatThrownBy(() -> AgentTokens.decoder(new AgentTokens.Settings(null, "numi", "short")))
                .hasMessage("numi.security.jwt.hmac-secret must be at least 32 bytes (tests only)");
    }
}
