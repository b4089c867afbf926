package fr.numi.urgency.emergency.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.urgency.emergency.application.PublicationFailedException;
import fr.numi.urgency.emergency.application.UrgencyBusyException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The refusals that need a protocol caught mid-write (409, 503) in numi's one problem+json shape, with Retry-After. */
class ProblemHandlerTest {

    @RestController
    static class Protocol {

        @GetMapping("/busy")
        String busy() {
            throw new UrgencyBusyException("another instance holds the urgency's lease");
        }

        @GetMapping("/unpublished")
        String unpublished() {
            throw new PublicationFailedException("broker away", null);
        }
    }

    final WebTestClient http = WebTestClient.bindToController(new Protocol()).controllerAdvice(new ProblemHandler()).build();

    @Test
    void shouldAnswer409WithRetryAfterWhenTheUrgencyIsBeingWritten() {
        problem("/busy", HttpStatus.CONFLICT, "urgency-busy", "1");
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheDeclarationCouldNotBePublished() {
        problem("/unpublished", HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "5");
    }

    private void problem(String path, HttpStatus status, String type, String retryAfter) {
        byte[] body = http.get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().valueEquals("Retry-After", retryAfter)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/" + type)
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(body)).as(new String(body, StandardCharsets.UTF_8)).isEmpty();
    }
}
