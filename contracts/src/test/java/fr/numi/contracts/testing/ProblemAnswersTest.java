package fr.numi.contracts.testing;

import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

class ProblemAnswersTest {

    static final String PROBLEM = """
            {"type":"https://numi.fr/problems/busy","title":"Occupé","status":409,"detail":"Réessayez.","instance":"/problem"}""";
    static final String WITHOUT_INSTANCE = """
            {"type":"https://numi.fr/problems/busy","title":"Occupé","status":409,"detail":"Réessayez."}""";

    final WebTestClient http = WebTestClient.bindToRouterFunction(RouterFunctions.route()
            .GET("/problem", request -> conflict(PROBLEM))
            .GET("/incomplete", request -> conflict(WITHOUT_INSTANCE))
            .build()).build();

    static Mono<ServerResponse> conflict(String body) {
        return ServerResponse.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(body);
    }

    @Test
    void shouldPassAnAnswerInNumisProblemShape() {
        expectProblem(http.get().uri("/problem"), HttpStatus.CONFLICT, "busy").jsonPath("$.detail").isEqualTo("Réessayez.");
    }

    @Test
    void shouldFailAnAnswerThatLeavesOutAMemberOfTheShape() {
        assertThatThrownBy(() -> expectProblem(http.get().uri("/incomplete"), HttpStatus.CONFLICT, "busy"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("instance");
    }
}
