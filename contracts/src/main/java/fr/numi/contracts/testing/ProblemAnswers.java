package fr.numi.contracts.testing;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.problems.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An HTTP error checked as numi's one problem+json: the status, {@code application/problem+json}, the {@code type}
 * under {@code https://numi.fr/problems/}, the {@code status} member, and the shape of contracts/http/problem.schema.json
 * ({@link Contracts#problemViolations}). Every service's tests of its error paths use it, e.g.
 * {@code ProblemAnswers.expectProblem(http.get().uri("/nothing"), HttpStatus.NOT_FOUND, "not-found")}. Tooling for tests,
 * like {@link Records}.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {}

    /** @return the body, for the assertions a path adds ({@code errors[0].field}, {@code currentStatus}, …) */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.RequestHeadersSpec<?> request, HttpStatusCode status, String type) {
        WebTestClient.BodyContentSpec body = request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + type)
                .jsonPath("$.status").isEqualTo(status.value());
        byte[] bytes = body.returnResult().getResponseBody();
        List<String> violations = Contracts.problemViolations(bytes);
        if (!violations.isEmpty()) {
            throw new AssertionError("not numi's problem shape: " + violations + " in " + new String(bytes, StandardCharsets.UTF_8));
        }
        return body;
    }
}
