package fr.numi.contracts.problems;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SecurityProblemsTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldAnswer401InTheProblemShapeAndAskForABearerToken() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/urgencies/NUMI-1"));

        SecurityProblems.unauthenticated(json).commence(exchange, new BadCredentialsException("bad")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        JsonNode body = body(exchange);
        assertThat(body.get("type").asString()).isEqualTo("https://numi.fr/problems/unauthenticated");
        assertThat(body.get("instance").asString()).isEqualTo("/api/v1/urgencies/NUMI-1");
    }

    @Test
    void shouldAnswer403InTheProblemShape() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/urgencies"));

        SecurityProblems.forbidden(json).handle(exchange, new AccessDeniedException("no")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(body(exchange).get("type").asString()).isEqualTo("https://numi.fr/problems/forbidden");
    }

    private JsonNode body(MockServerWebExchange exchange) {
        byte[] bytes = exchange.getResponse().getBodyAsString().block().getBytes(StandardCharsets.UTF_8);
        assertThat(Contracts.problemViolations(bytes)).isEmpty();
        return json.readTree(bytes);
    }
}
