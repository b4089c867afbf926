package fr.numi.intake.request.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.BrokerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The refusals that need the broker away (503 with Retry-After) or a body the codec stopped (413 without a declared
 * length) in numi's one problem+json shape.
 */
class ProblemHandlerTest {

    @RestController
    static class Door {

        @GetMapping("/broker-away")
        String brokerAway() {
            throw new BrokerUnavailableException("no ack within 10 s", null);
        }

        @GetMapping("/chunked")
        String chunked() {
            throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : 65536");
        }
    }

    final IntakeProperties properties = new IntakeProperties("a-secret-of-sixteen-chars", "http://127.0.0.1:8080/api/v1/tracking/",
            null, 65536, Duration.ofSeconds(10), Duration.ofSeconds(30), null);
    final WebTestClient http = WebTestClient.bindToController(new Door()).controllerAdvice(new ProblemHandler(properties)).build();

    @Test
    void shouldAnswer503WithRetryAfterWhenTheBrokerDidNotAcknowledge() {
        byte[] body = http.get().uri("/broker-away").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/temporarily-unavailable")
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(body)).as(new String(body, StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldAnswer413WithTheCapWhenTheCodecStoppedTheBody() {
        byte[] body = http.get().uri("/chunked").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/payload-too-large")
                .jsonPath("$.detail").isEqualTo("La demande dépasse 64 Kio.")
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(body)).as(new String(body, StandardCharsets.UTF_8)).isEmpty();
    }
}
