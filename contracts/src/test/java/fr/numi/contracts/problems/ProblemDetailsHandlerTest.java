package fr.numi.contracts.problems;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import com.mongodb.MongoTimeoutException;
import fr.numi.contracts.messaging.FaultClassifier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every framework error, and a service's own, in the one problem+json shape of contracts/http/problem.schema.json. */
class ProblemDetailsHandlerTest {

    record Body(@NotBlank(message = "Indiquez le texte.") String text, Kind kind) {}

    enum Kind { A, B }

    static class Busy extends RuntimeException {}

    @RestController
    static class Samples {

        @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        String create(@Valid @RequestBody Body body) {
            return "ok";
        }

        @GetMapping(path = "/things", produces = MediaType.APPLICATION_JSON_VALUE)
        String list(@RequestParam int page) {
            return "[]";
        }

        @GetMapping("/busy")
        String busy() {
            throw new Busy();
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("internal detail that must not leak");
        }

        @GetMapping("/database-down")
        Mono<String> databaseDown() {
            return Mono.error(new DataAccessResourceFailureException("Timed out while waiting for a server",
                    new MongoTimeoutException("Timed out while waiting for a server that matches WritableServerSelector")));
        }

        @GetMapping("/breaker-open")
        Mono<String> breakerOpen() {
            return Mono.error(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("mongo")));
        }

        @GetMapping("/duplicate")
        Mono<String> duplicate() {
            return Mono.error(new DuplicateKeyException("E11000 duplicate key"));
        }
    }

    @RestControllerAdvice
    static class Handler extends ProblemDetailsHandler {

        @ExceptionHandler(Busy.class)
        ResponseEntity<ProblemDetail> busy(Busy e) {
            return Problems.respond(Problems.of(HttpStatus.CONFLICT, "busy", "Occupé", "Réessayez dans un instant."));
        }
    }

    final WebTestClient http = WebTestClient.bindToController(new Samples()).controllerAdvice(new Handler()).build();

    /** As in a service: contracts' auto-configuration gives the handler numi-defaults' lists and the breaker's open time. */
    final WebTestClient withDependencies = WebTestClient.bindToController(new Samples()).controllerAdvice(handlerKnowingDependencies()).build();

    static Handler handlerKnowingDependencies() {
        Handler handler = new Handler();
        handler.setUnavailable(new Unavailable(new FaultClassifier(
                List.of("com.mongodb.MongoTimeoutException", "org.springframework.dao.DataAccessResourceFailureException",
                        "io.github.resilience4j.circuitbreaker.CallNotPermittedException"),
                List.of("java.lang.IllegalArgumentException"), List.of()), Duration.ofMillis(4500)));
        return handler;
    }
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldNameTheInvalidFieldWhenTheBodyBreaksAConstraint() {
        problem(http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \" \"}").exchange(),
                HttpStatus.BAD_REQUEST, "invalid-request", body -> {
                    assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("text");
                    assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("Indiquez le texte.");
                });
    }

    @Test
    void shouldNameTheFieldWhoseValueCannotBeReadAndSayWhenTheJsonIsBroken() {
        problem(http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": \"x\", \"kind\": \"Z\"}").exchange(),
                HttpStatus.BAD_REQUEST, "malformed-request", body -> assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("kind"));
        problem(http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": ").exchange(),
                HttpStatus.BAD_REQUEST, "malformed-request", body -> assertThat(body.has("errors")).isFalse());
    }

    @Test
    void shouldNameAMissingOrUnreadableParameter() {
        problem(http.get().uri("/things").exchange(), HttpStatus.BAD_REQUEST, "malformed-request",
                body -> assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("page"));
        problem(http.get().uri("/things?page=deux").exchange(), HttpStatus.BAD_REQUEST, "malformed-request",
                body -> assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("page"));
    }

    @Test
    void shouldAnswerTheFrameworksOwnRefusalsInTheSameShape() {
        problem(http.post().uri("/things").contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange(),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                body -> assertThat(body.get("detail").asString()).contains("application/json"));
        problem(http.delete().uri("/things").exchange(), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                body -> assertThat(body.get("detail").asString()).contains("GET", "POST"));
        problem(http.get().uri("/things?page=1").accept(MediaType.APPLICATION_XML).exchange(), HttpStatus.NOT_ACCEPTABLE,
                "not-acceptable", body -> {});
        problem(http.get().uri("/nowhere").exchange(), HttpStatus.NOT_FOUND, "not-found",
                body -> assertThat(body.get("instance").asString()).isEqualTo("/nowhere"));
    }

    @Test
    void shouldGiveAServicesOwnProblemTheSameShape() {
        problem(http.get().uri("/busy").exchange(), HttpStatus.CONFLICT, "busy", body -> assertThat(body.get("instance").asString()).isEqualTo("/busy"));
    }

    @Test
    void shouldAnswer500WithoutTheCause() {
        problem(http.get().uri("/broken").exchange(), HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                body -> assertThat(body.toString()).doesNotContain("internal detail"));
    }

    @Nested
    class WhenADependencyIsUnavailable {

        @Test
        void shouldAnswer503WithRetryAfterWhenMongoDbTimesOut() {
            problem(withDependencies.get().uri("/database-down").exchange().expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"),
                    HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", body -> {
                        assertThat(body.get("detail").asString()).isEqualTo(
                                "Le service ne peut pas traiter la demande pour le moment. Réessayez dans 5 secondes.");
                        assertThat(body.get("instance").asString()).isEqualTo("/database-down");
                    });
        }

        @Test
        void shouldAnswer503WithRetryAfterWhenTheDatabasesCircuitBreakerIsOpen() {
            problem(withDependencies.get().uri("/breaker-open").exchange().expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"),
                    HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable", body -> assertThat(body.get("detail").asString()).doesNotContain("mongo"));
        }

        @Test
        void shouldStillAnswer500ForAFailureNoListNames() {
            problem(withDependencies.get().uri("/duplicate").exchange().expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER),
                    HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", body -> {});
            problem(withDependencies.get().uri("/broken").exchange(), HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", body -> {});
        }

        @Test
        void shouldAnswer500WhenTheHandlerWasBuiltWithoutTheLists() {
            problem(http.get().uri("/database-down").exchange(), HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", body -> {});
        }
    }

    private void problem(WebTestClient.ResponseSpec response, HttpStatus status, String type, Consumer<JsonNode> more) {
        EntityExchangeResult<byte[]> result = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();
        byte[] bytes = result.getResponseBody();
        assertThat(Contracts.problemViolations(bytes)).as(new String(bytes)).isEmpty();
        JsonNode body = json.readTree(bytes);
        assertThat(body.get("type").asString()).isEqualTo(Problems.TYPE_BASE + type);
        assertThat(body.get("status").asInt()).isEqualTo(status.value());
        more.accept(body);
    }
}
