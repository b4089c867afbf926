package fr.numi.deploy.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

    static final Path DATA = Path.of("/tmp/numi-data");

    @Test
    void shouldSendAgentsBackToTheConsoleOfTheTicketPortByDefault() {
        // when
        IdentitySettings settings = IdentitySettings.fromEnvironment(
                Map.of(IdentitySettings.DEMO_PASSWORD, "twelve-chars-at-least", "NUMI_TICKET_PORT", "18082"), "127.0.0.1", DATA);

        // then
        assertThat(settings.issuer()).isEqualTo("http://127.0.0.1:9000");
        assertThat(settings.consoleUrls()).containsExactly("http://127.0.0.1:18082/console/", "http://localhost:18082/console/");
        assertThat(settings.consoleOrigins()).containsExactly("http://127.0.0.1:18082", "http://localhost:18082");
        assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.keyFile()).isEqualTo(DATA.resolve("identity/jwk.json"));
    }

    @Test
    void shouldReadTheTokenLifetimeInSecondsOrIso8601() {
        assertThat(settings(Map.of(IdentitySettings.TOKEN_TTL, "900")).tokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings(Map.of(IdentitySettings.TOKEN_TTL, "PT8H")).tokenTtl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void shouldRefuseToStartWithoutADemoPasswordNamingTheVariable() {
        assertThatThrownBy(() -> IdentitySettings.fromEnvironment(Map.of(), "127.0.0.1", DATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUMI_IDP_DEMO_PASSWORD must be set");
    }

    @Test
    void shouldRefuseAConsoleAddressThatIsNotHttp() {
        assertThatThrownBy(() -> settings(Map.of(IdentitySettings.CONSOLE_URLS, "javascript:alert(1)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUMI_IDP_CONSOLE_URLS");
    }

    @Test
    void shouldNeverPrintThePassword() {
        assertThat(settings(Map.of()).toString()).doesNotContain("twelve-chars-at-least").contains("http://127.0.0.1:9000");
    }

    private static IdentitySettings settings(Map<String, String> more) {
        var env = new java.util.HashMap<>(more);
        env.put(IdentitySettings.DEMO_PASSWORD, "twelve-chars-at-least");
        return IdentitySettings.fromEnvironment(env, "127.0.0.1", DATA);
    }
}
