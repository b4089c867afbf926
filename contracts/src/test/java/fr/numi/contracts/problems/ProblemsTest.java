package fr.numi.contracts.problems;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldWriteAFiltersRefusalInTheProblemShapeKeepingTheHeadersItSet() {
        // given: a rate limit refusing before any controller
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/requests"));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "7");

        // when
        Problems.write(json, exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Trop de demandes",
                "Réessayez dans 7 secondes.")).block();

        // then
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        byte[] bytes = exchange.getResponse().getBodyAsString().block().getBytes(StandardCharsets.UTF_8);
        assertThat(Contracts.problemViolations(bytes)).isEmpty();
        JsonNode body = json.readTree(bytes);
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/requests");
    }
}
