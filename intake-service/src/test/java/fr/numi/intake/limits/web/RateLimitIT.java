package fr.numi.intake.limits.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.support.IntakeIntegrationTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * Rate limits on the public doors: 429 + Retry-After, per API key and per caller. The test client connects from
 * 127.0.0.1, a trusted proxy here ({@code trusted-proxies=127.0.0.1,::1}), so its X-Forwarded-For names the caller; a
 * client connecting from 127.0.0.2 is not a proxy, and its X-Forwarded-For is ignored.
 */
@IntakeIntegrationTest
class RateLimitIT {

    static final int LIMIT = IntakeIntegrationTest.ANONYMOUS_PER_MINUTE;

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
        String caller = caller();
        double before = metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "rate-limited");

        // when: until the door says 429 (a new minute may start while we post, so up to twice the limit may pass)
        int passed = postUntil429(() -> post("/api/v1/requests", caller, null));

        // then
        assertThat(passed).isGreaterThanOrEqualTo(LIMIT);
        expectTooManyRequests(post("/api/v1/requests", caller, null));
        assertThat(metrics.count("numi.intake.gateway.rejected", "channel", "web", "reason", "rate-limited")).isGreaterThanOrEqualTo(before + 2);
        post("/api/v1/requests", caller(), null).expectStatus().isBadRequest();
    }

    @Test
    void shouldLimitAGatewayByItsKeyWhateverTheAddress() {
        // when: the key's posts come from ever-changing addresses
        int passed = postUntil429(() -> post("/api/v1/requests", caller(), IntakeIntegrationTest.BURST_KEY));

        // then
        assertThat(passed).isGreaterThanOrEqualTo(IntakeIntegrationTest.GATEWAY_PER_MINUTE);
        post("/api/v1/requests", "192.0.2.251", IntakeIntegrationTest.PARTNER_KEY).expectStatus().isBadRequest();
    }

    /** The same door under other spellings: what the router would match, counted as the plain path. */
    @Nested
    class PathTricks {

        static final List<String> TRICKS = List.of("/api/v1/requests;x=1", "/api/v1/%72equests", "//api/v1/requests",
                "/api/v1//requests", "/api/v1/requests/", "/api/v1/./requests", "/api/v1/x/../requests", "/api/v1/requests;jsessionid=1/");

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/requests;x=1", "/api/v1/%72equests", "//api/v1/requests", "/api/v1//requests",
            "/api/v1/requests/", "/api/v1/./requests", "/api/v1/%2e/requests"})
        void shouldRefuseAnotherSpellingOfThePublicDoorWith400Problem(String trick) {
            // when
            byte[] refusal = post(trick, caller(), null).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/non-canonical-path")
                    .returnResult().getResponseBody();

            // then
            assertThat(Contracts.problemViolations(refusal)).isEmpty();
        }

        @Test
        void shouldAnswer429ToEveryTrickOnceThePlainPathIsOverTheLimit() {
            // given
            String caller = caller();
            postUntil429(() -> post("/api/v1/requests", caller, null));

            // when / then
            for (String trick : TRICKS) {
                expectTooManyRequests(post(trick, caller, null));
            }
        }

        @Test
        void shouldCountTricksAgainstThePlainPathsLimit() {
            // when: one caller spends its budget on tricks only
            String caller = caller();
            int passed = postUntil429(() -> post(TRICKS.get(ThreadLocalRandom.current().nextInt(TRICKS.size())), caller, null));

            // then: the plain path is over the limit too
            assertThat(passed).isGreaterThanOrEqualTo(LIMIT);
            expectTooManyRequests(post("/api/v1/requests", caller, null));
        }

        @Test
        void shouldRefuseAnotherSpellingOfACtiTokenBeforeItsHandler() {
            // An unknown token answers 404 on its plain path; spelt otherwise it never reaches the handler.
            post("/api/v1/cti/%74oken-" + UUID.randomUUID(), null, null).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/non-canonical-path");
        }
    }

    /** X-Forwarded-For is believed from a trusted proxy only, and even then only its right-most untrusted entry. */
    @Nested
    class ForwardedFor {

        @Test
        void shouldIgnoreXForwardedForFromAPeerThatIsNotATrustedProxy() {
            // given: a client connecting from 127.0.0.2 (not a trusted proxy), writing a new X-Forwarded-For each time
            WebTestClient direct = WebTestClient
                    .bindToServer(new ReactorClientHttpConnector(HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
                    .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();

            // when
            int passed = postUntil429(() -> direct.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Forwarded-For", caller()).bodyValue("{}").exchange());

            // then: limited as 127.0.0.2, whatever it claimed
            assertThat(passed).isBetween(LIMIT, 2 * LIMIT);
            expectTooManyRequests(direct.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Forwarded-For", caller()).bodyValue("{}").exchange());
        }

        @Test
        void shouldNotLetAClientEscapeItsLimitByWritingAddressesLeftOfWhatTheProxyAppended() {
            // given: behind the trusted proxy, the client writes a new address before the one the proxy appends
            String client = caller();

            // when
            int passed = postUntil429(() -> post("/api/v1/requests", caller() + ", " + client, null));

            // then
            assertThat(passed).isBetween(LIMIT, 2 * LIMIT);
            expectTooManyRequests(post("/api/v1/requests", "198.51.100.1, " + client, null));
        }
    }

    private static void expectTooManyRequests(WebTestClient.ResponseSpec response) {
        byte[] refusal = response.expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", retryAfter -> assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/too-many-requests")
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(refusal)).isEmpty();
    }

    /** Posts until a 429 (at most three times the largest limit); returns how many went through before it. */
    private static int postUntil429(java.util.function.Supplier<WebTestClient.ResponseSpec> post) {
        for (int i = 0; i < 3 * LIMIT; i++) {
            int status = post.get().returnResult(String.class).getStatus().value();
            if (status == 429) {
                return i;
            }
            assertThat(status).isEqualTo(400);
        }
        throw new AssertionError("no 429 after " + 3 * LIMIT + " posts");
    }

    private static String caller() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A raw path, sent as written (no re-encoding), from the given X-Forwarded-For. */
    private WebTestClient.ResponseSpec post(String path, String forwardedFor, String apiKey) {
        var request = http.post().uri(URI.create("http://127.0.0.1:" + port + path)).contentType(MediaType.APPLICATION_JSON);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return request.bodyValue("{}").exchange();
    }
}
