package fr.numi.ticket.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.ticket.support.TicketIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OWASP headers on ticket-service's pages and APIs: a Content-Security-Policy that lets the pages load only their own
 * code and call only intake-service and the identity provider, no framing, no Referer (the tracking link's token never
 * leaves the page), no sniffing.
 */
@TicketIntegrationTest
class SecurityHeadersIT {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldServeEveryPageWithAStrictPolicyThatNamesOnlyTheConfiguredOrigins() {
        for (String page : new String[] {"/", "/suivi.html?t=abc", "/console/", "/assets/console.js"}) {
            HttpHeaders headers = http.get().uri(page).exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders();
            String policy = headers.getFirst("Content-Security-Policy");
            assertThat(policy).as(page)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                    .contains("connect-src 'self' http://127.0.0.1:8080 http://localhost:8080 http://127.0.0.1:9000 http://localhost:9000;")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(headers.getFirst("X-Frame-Options")).as(page).isEqualTo("DENY");
            assertThat(headers.getFirst("Referrer-Policy")).as(page).isEqualTo("no-referrer");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
            assertThat(headers.getFirst("Permissions-Policy")).as(page).contains("camera=()", "microphone=()");
        }
    }

    @Test
    void shouldSendTheSameHeadersOnTheTrackingApiAndOnARefusal() {
        HttpHeaders unknown = http.get().uri("/api/v1/tracking/not-a-token").exchange().returnResult(String.class).getResponseHeaders();
        HttpHeaders refused = http.get().uri("/api/v1/agent/queues/1").exchange().expectStatus().isUnauthorized()
                .returnResult(String.class).getResponseHeaders();
        for (HttpHeaders headers : new HttpHeaders[] {unknown, refused}) {
            assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(headers.getFirst("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void shouldRefuseToStartWithSomethingElseThanOriginsToConnectTo() {
        assertThat(SecurityConfiguration.pagesPolicy(" https://aide.example.org   http://[::1]:8080 "))
                .contains("connect-src 'self' https://aide.example.org http://[::1]:8080;");
        for (String bad : new String[] {"https://aide.example.org; script-src *", "'unsafe-inline'", "*", "https://aide.example.org/path"}) {
            assertThatThrownBy(() -> SecurityConfiguration.pagesPolicy(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("NUMI_WEB_CONNECT_SOURCES");
        }
    }
}
