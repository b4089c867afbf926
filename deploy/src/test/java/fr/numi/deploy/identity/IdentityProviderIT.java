package fr.numi.deploy.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import fr.numi.deploy.FreePorts;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The local identity provider on a real port: what an agent's sign-in gives, and what it refuses. */
@Order(6) // own infrastructure, before the shared stack (junit-platform.properties)
class IdentityProviderIT {

    static final String PASSWORD = "demo-password-for-tests";

    @TempDir
    Path data;

    IdentitySettings settings;
    LocalIdentityProvider provider;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        settings = IdentitySettings.fromEnvironment(Map.of(IdentitySettings.PORT, Integer.toString(FreePorts.next()),
                IdentitySettings.DEMO_PASSWORD, PASSWORD, "NUMI_TICKET_PORT", "18082"), "127.0.0.1", data);
        provider = new LocalIdentityProvider(settings);
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    JWTClaimsSet verified(String token) throws Exception {
        JWKSet keys = JWKSet.load(new URL(settings.issuer() + "/oauth2/jwks"));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        return processor.process(token, null);
    }

    @ParameterizedTest
    @EnumSource(DemoAgents.class)
    void shouldGiveEachDemoAgentAnRs256TokenNamingItsRoleForNumi(DemoAgents agent) throws Exception {
        // when
        String token = AgentSignIn.accessToken(settings.issuer(), agent.username(), PASSWORD);

        // then
        JWTClaimsSet claims = verified(token);
        assertThat(claims.getSubject()).isEqualTo(agent.username());
        assertThat(claims.getIssuer()).isEqualTo(settings.issuer());
        assertThat(claims.getAudience()).containsExactly(IdentitySettings.AUDIENCE);
        assertThat(claims.getStringListClaim("roles")).containsExactly(agent.role());
        assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void shouldGiveNoCodeForAWrongPassword() {
        // when
        AgentSignIn.Attempt attempt = AgentSignIn.attempt(settings.issuer(), "maitre", "not-the-password", true);

        // then
        assertThat(attempt.loginRedirect()).contains("/login?error");
        assertThat(attempt.callback()).isNull();
    }

    @Test
    void shouldRefuseAnAuthorizationRequestWithoutProofKey() {
        // when
        AgentSignIn.Attempt attempt = AgentSignIn.attempt(settings.issuer(), "maitre", PASSWORD, false);

        // then: the public client must use PKCE; the provider says so on the redirect address, no code
        assertThat(attempt.callback()).contains("error=invalid_request").doesNotContain("code=");
        assertThat(attempt.tokenBody()).isNull();
    }

    @Test
    void shouldPublishTheOpenIdConfigurationOfItsIssuer() throws Exception {
        // when
        HttpResponse<String> discovery = http.send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + settings.issuer() + "\"", "\"jwks_uri\":\"" + settings.issuer() + "/oauth2/jwks\"",
                "\"code_challenge_methods_supported\":[\"S256\"]");
    }

    @Test
    void shouldLetTheConsolesOriginAloneCallTheTokenEndpointFromTheBrowser() throws Exception {
        // when
        HttpResponse<String> console = preflight("http://127.0.0.1:18082");
        HttpResponse<String> other = preflight("https://evil.example");

        // then
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:18082");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldKeepItsSigningKeyAcrossARestartSoIssuedTokensStillVerify() throws Exception {
        // given
        String token = AgentSignIn.accessToken(settings.issuer(), "jedi", PASSWORD);

        // when
        provider.close();
        provider = new LocalIdentityProvider(settings);
        provider.start();

        // then
        assertThat(verified(token).getSubject()).isEqualTo("jedi");
        assertThat(Files.getPosixFilePermissions(settings.keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void shouldPrintATokenOfTheRolesDemoAgentFromAgentTokenSh() throws Exception {
        // when
        Process script = agentToken("l2", PASSWORD);

        // then
        String out = new String(script.getInputStream().readAllBytes()).strip();
        assertThat(script.waitFor()).as(new String(script.getErrorStream().readAllBytes())).isZero();
        assertThat(verified(out).getStringListClaim("roles")).containsExactly("AGENT_L2");
    }

    @Test
    void shouldSayWhyAgentTokenShGetsNoTokenForAWrongPassword() throws Exception {
        // when
        Process script = agentToken("supervisor", "wrong-password-123");

        // then
        assertThat(script.waitFor()).isEqualTo(1);
        assertThat(new String(script.getInputStream().readAllBytes())).isEmpty();
        assertThat(new String(script.getErrorStream().readAllBytes())).contains("superviseur could not sign in", "NUMI_IDP_DEMO_PASSWORD");
    }

    private Process agentToken(String role, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..").toAbsolutePath().normalize().resolve("deploy/local/agent-token.sh").toString(),
                role);
        builder.environment().putAll(Map.of("NUMI_IDP_URL", settings.issuer(), IdentitySettings.DEMO_PASSWORD, password));
        return builder.start();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
    }
}
