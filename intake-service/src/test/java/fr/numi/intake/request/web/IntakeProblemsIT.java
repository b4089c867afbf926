package fr.numi.intake.request.web;

import fr.numi.contracts.testing.TestTokens;
import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;

import fr.numi.intake.support.IntakeIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every error path of intake's API over real HTTP answers numi's one problem+json shape
 * (contracts/http/problem.schema.json): 400 unreadable body, 400 field errors, 401 (agents' token, gateway's key),
 * 403, 404, 405, 409, 413, 415. 503 and the codec's 413 are in {@code ProblemHandlerTest}: they need a broker away or
 * a chunked body.
 */
@IntakeIntegrationTest
class IntakeProblemsIT {

    static final String REQUESTS = "/api/v1/requests";
    static final String BODY = "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"probleme@example.org\"},\"description\":\"Ma box ne s'allume plus.\"}";
    static final String ATTACHMENT = "/api/v1/attachments/att_0123456789abcdef0123456789abcdef";

    @LocalServerPort
    int port;

    WebTestClient http;

    /** A caller of its own, so these posts never share a rate-limit bucket with another test's. */
    final String caller = "192.0.2." + (1 + (int) (Math.random() * 200));

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldAnswer400WhenTheBodyIsNotJson() {
        expectProblem(post("{\"contact\": {"), HttpStatus.BAD_REQUEST, "malformed-request");
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenTheContactIsMissingOrCannotReachThePerson() {
        expectProblem(post("{\"description\":\"Bonjour\"}"), HttpStatus.BAD_REQUEST, "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("contact");
        expectProblem(post("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"pas-un-mail\"},\"description\":\"Bonjour\"}"), HttpStatus.BAD_REQUEST,
                "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("contact.value");
        expectProblem(post("{\"contact\":{\"kind\":\"PIGEON\",\"value\":\"x\"},\"description\":\"Bonjour\"}"), HttpStatus.BAD_REQUEST,
                "malformed-request")
                .jsonPath("$.errors[0].field").isEqualTo("contact.kind");
    }

    @Test
    void shouldAnswer401WhenTheAgentsTokenIsMissingOrHasNoSubject() {
        expectProblem(http.get().uri(ATTACHMENT), HttpStatus.UNAUTHORIZED, "unauthenticated");
        String noSubject = TestTokens.sign(TestTokens.SECRET, " ", List.of("AGENT_L1"), Instant.now().plusSeconds(600));
        expectProblem(http.get().uri(ATTACHMENT).header("Authorization", "Bearer " + noSubject), HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @Test
    void shouldAnswer401WhenTheGatewaysKeyIsUnknown() {
        expectProblem(http.post().uri(REQUESTS).header("X-Api-Key", "no-such-key").header("X-Forwarded-For", caller)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(BODY), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void shouldAnswer403WhenTheTokenHasNoAgentRole() {
        expectProblem(http.get().uri(ATTACHMENT).header("Authorization", "Bearer " + TestTokens.agent("someone", "CUSTOMER")), HttpStatus.FORBIDDEN,
                "forbidden");
    }

    @Test
    void shouldAnswer404WhenNothingIsThere() {
        expectProblem(http.get().uri(ATTACHMENT).header("Authorization", "Bearer " + TestTokens.agent("jedi", "AGENT_L1")), HttpStatus.NOT_FOUND,
                "not-found");
        expectProblem(http.get().uri("/api/v1/nothing-here"), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.instance").isEqualTo("/api/v1/nothing-here");
    }

    @Test
    void shouldAnswer405WhenTheMethodIsNotOneOfTheApis() {
        expectProblem(http.delete().uri(REQUESTS), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    @Test
    void shouldAnswer409WhenAnIdempotencyKeyComesBackWithAnotherRequest() {
        String key = UUID.randomUUID().toString();
        withKey(key, BODY).exchange().expectStatus().isAccepted();
        expectProblem(withKey(key, BODY.replace("Ma box", "Mon routeur")), HttpStatus.CONFLICT, "idempotency-conflict");
    }

    @Test
    void shouldAnswer413WhenTheDeclaredBodyIsOverTheCap() {
        String big = "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@b.fr\"},\"description\":\"" + "x".repeat(70_000) + "\"}";
        expectProblem(post(big), HttpStatus.CONTENT_TOO_LARGE, "payload-too-large")
                .jsonPath("$.detail").isEqualTo("La demande dépasse 64 Kio.");
    }

    @Test
    void shouldAnswer415WhenTheBodyIsNotJson() {
        expectProblem(http.post().uri(REQUESTS).header("X-Forwarded-For", caller).contentType(MediaType.TEXT_PLAIN).bodyValue("Bonjour"),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    private WebTestClient.RequestHeadersSpec<?> post(String body) {
        return http.post().uri(REQUESTS).header("X-Forwarded-For", caller).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private WebTestClient.RequestHeadersSpec<?> withKey(String idempotencyKey, String body) {
        return http.post().uri(REQUESTS).header("X-Api-Key", IntakeIntegrationTest.PARTNER_KEY).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
