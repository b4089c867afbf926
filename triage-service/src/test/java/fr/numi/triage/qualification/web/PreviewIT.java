package fr.numi.triage.qualification.web;

import fr.numi.contracts.testing.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.triage.support.TriageIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@TriageIntegrationTest
class PreviewIT {

    static final String PREVIEW = "/api/v1/triage/preview";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    WebTestClient http;

    @BeforeEach
    void client() {
        // Bounded timeout: reactor-netty #4361 can stall a keep-alive connection after an error response.
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20))
                .defaultHeader("Authorization", "Bearer " + TestTokens.agent("padawan", "AGENT_L1")).build();
    }

    @Test
    void shouldRefuseThePreviewToSomeoneWhoIsNotSignedInAsAnAgent() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();

        anonymous.post().uri(PREVIEW).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \"on a piraté mon compte\"}")
                .exchange().expectStatus().isUnauthorized();
        anonymous.post().uri(PREVIEW).header("Authorization", "Bearer " + TestTokens.agent("visitor", "CUSTOMER"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \"on a piraté mon compte\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldAnswerTheDecisionWithItsReasonsAndPublishNothingWhenAskedForAPreview() {
        // given
        String body = """
                {"text": "On me fait du chantage avec une vidéo, je dois payer tout de suite", "redButton": false, "channel": "WHATSAPP"}""";

        // when / then
        http.post().uri("/api/v1/triage/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                // an API loads nothing, is never framed and sends no Referer (the headers every service shares)
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody()
                .jsonPath("$.level").isEqualTo(3)
                .jsonPath("$.cyber").isEqualTo(true)
                .jsonPath("$.cyberTier").isEqualTo("EMERGENCY")
                .jsonPath("$.needsReview").isEqualTo(false)
                .jsonPath("$.category").isEqualTo("blackmail")
                .jsonPath("$.urgency").isEqualTo("CRITICAL")
                .jsonPath("$.reasons[0].signal").isEqualTo("cyber:emergency")
                .jsonPath("$.reasons[0].detail").value(d -> assertThat((String) d).contains("mots qui ont pesé"))
                .jsonPath("$.rulesVersion").isNotEmpty()
                .jsonPath("$.modelVersion").isNotEmpty()
                .jsonPath("$.decidedAt").isNotEmpty();
        assertThat(meters.find("numi.triage.decisions").tag("category", "blackmail").counter()).isNull();
    }

    @Test
    void shouldAnswerLowConfidenceRatherThanAnErrorWhenTheTextIsEmpty() {
        http.post().uri("/api/v1/triage/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.category").isEqualTo("other")
                .jsonPath("$.level").isEqualTo(2)
                .jsonPath("$.needsReview").isEqualTo(true)
                .jsonPath("$.confidence").value(c -> assertThat(((Number) c).doubleValue()).isLessThan(0.3));
    }

    @Test
    void shouldAnswerLevel3WhenThePreviewHasTheRedButton() {
        http.post().uri("/api/v1/triage/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": \"aidez-moi\", \"redButton\": true, \"channel\": \"PHONE\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.level").isEqualTo(3)
                .jsonPath("$.cyberTier").isEqualTo("EMERGENCY")
                .jsonPath("$.urgency").isEqualTo("CRITICAL")
                .jsonPath("$.reasons[0].signal").isEqualTo("red-button");
    }

    @Nested
    class BadInput {

        @Test
        void shouldAnswer400ProblemWhenTheJsonIsMalformed() {
            problem(http.post().uri(PREVIEW).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": "), HttpStatus.BAD_REQUEST)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/malformed-request")
                    .jsonPath("$.errors").doesNotExist();
        }

        @Test
        void shouldName400FieldWhenTheTextIsMissing() {
            problem(http.post().uri(PREVIEW).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"redButton\": true}"),
                    HttpStatus.BAD_REQUEST)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/invalid-request")
                    .jsonPath("$.errors[0].field").isEqualTo("text")
                    .jsonPath("$.errors[0].message").isEqualTo("Indiquez le texte à analyser.");
        }

        @Test
        void shouldName400FieldWhenTheChannelIsUnknown() {
            problem(http.post().uri(PREVIEW).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \"x\", \"channel\": \"PIGEON\"}"),
                    HttpStatus.BAD_REQUEST)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/malformed-request")
                    .jsonPath("$.errors[0].field").isEqualTo("channel");
        }

        @Test
        void shouldAnswer415ProblemWhenTheBodyIsNotJson() {
            problem(http.post().uri(PREVIEW).contentType(MediaType.TEXT_PLAIN).bodyValue("imprimante"), HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/unsupported-media-type");
        }

        @Test
        void shouldAnswer405ProblemWhenThePreviewIsRead() {
            problem(http.get().uri(PREVIEW), HttpStatus.METHOD_NOT_ALLOWED)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/method-not-allowed");
        }

        @Test
        void shouldAnswer404ProblemWhereNothingIsPublished() {
            problem(http.get().uri("/api/v1/triage/nothing-here"), HttpStatus.NOT_FOUND)
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/not-found")
                    .jsonPath("$.instance").isEqualTo("/api/v1/triage/nothing-here");
        }

        /** The answer is numi's one problem+json shape (contracts/http/problem.schema.json). */
        private WebTestClient.BodyContentSpec problem(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status) {
            WebTestClient.BodyContentSpec body = request.exchange()
                    .expectStatus().isEqualTo(status)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(status.value());
            byte[] bytes = body.returnResult().getResponseBody();
            assertThat(Contracts.problemViolations(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEmpty();
            return body;
        }
    }
}
