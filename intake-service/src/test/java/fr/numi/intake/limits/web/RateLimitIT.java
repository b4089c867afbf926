package fr.numi.intake.limits.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.support.IntakeIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rate limits on the public doors: 429 + Retry-After, per API key and per caller (X-Forwarded-For is trusted in tests). */
@IntakeIntegrationTest
class RateLimitIT {

    @LocalServerPort
    int port;

    @Autowired
    GatewayMetrics metrics;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenOneCallerGoesOverTheAnonymousLimit() {
        // given: one caller posts fast (each post is refused 400, but still counts)
        String caller = "203.0.113." + (int) (Math.random() * 250);
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "rate-limited");

        // when: until the door says 429 (the bucket refills while we post, so a few more than the limit may pass)
        int passed = postUntil429(caller, null, IntakeIntegrationTest.ANONYMOUS_PER_MINUTE);

        // then
        assertThat(passed).isGreaterThanOrEqualTo(IntakeIntegrationTest.ANONYMOUS_PER_MINUTE);
        byte[] refusal = post(caller, null).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Integer.parseInt(retryAfter)).isBetween(1, 2))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/too-many-requests")
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(refusal)).isEmpty();
        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "rate-limited")).isGreaterThanOrEqualTo(before + 2);
        post("198.51.100.7", null).expectStatus().isBadRequest();
    }

    @Test
    void shouldLimitAGatewayByItsKeyWhateverTheAddress() {
        // when: the key's posts come from ever-changing addresses
        int passed = postUntil429(null, IntakeIntegrationTest.BURST_KEY, IntakeIntegrationTest.GATEWAY_PER_MINUTE);

        // then
        assertThat(passed).isGreaterThanOrEqualTo(IntakeIntegrationTest.GATEWAY_PER_MINUTE);
        post("192.0.2.251", IntakeIntegrationTest.PARTNER_KEY).expectStatus().isBadRequest();
    }

    /** Posts until a 429 (at most three times the limit); returns how many went through before it. */
    private int postUntil429(String caller, String apiKey, int limit) {
        for (int i = 0; i < 3 * limit; i++) {
            int status = post(caller == null ? "192.0.2." + (i % 250) : caller, apiKey).returnResult(String.class).getStatus().value();
            if (status == 429) {
                return i;
            }
            assertThat(status).isEqualTo(400);
        }
        throw new AssertionError("no 429 after " + 3 * limit + " posts");
    }

    private WebTestClient.ResponseSpec post(String caller, String apiKey) {
        var request = http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", caller);
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return request.bodyValue("{}").exchange();
    }
}
