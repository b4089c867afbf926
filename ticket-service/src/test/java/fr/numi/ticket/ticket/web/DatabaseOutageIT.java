package fr.numi.ticket.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.problems.Problems;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.support.MongoWireServer;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * MongoDB down, seen from the HTTP APIs (issue 16, item 4): with the proxy in front of the Mongo-wire server cut (the
 * driver's connections reset, new ones reset), the agents' desk and the person's tracking page answer 503
 * problem+json {@code temporarily-unavailable} with {@code Retry-After}, quickly (never the driver's 30 s), and at once
 * once the {@code mongo} circuit breaker is open; when MongoDB is back they answer again.
 */
@TicketIntegrationTest
class DatabaseOutageIT {

    static final String PADAWAN = TestTokens.agent("alice", "AGENT_L1");
    /** What a person or a desk may wait for an answer while the database is away. */
    static final Duration BOUND = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    CircuitBreaker mongoBreaker;

    TicketDriver driver;
    WebTestClient http;

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
        http = driver.http();
    }

    @AfterEach
    void mongoBack() {
        MongoWireServer.outage().restore();
    }

    WebTestClient.RequestHeadersSpec<?> agentTicket(Request request) {
        return http.get().uri("/api/v1/agent/tickets/{id}", request.ticketId()).headers(h -> h.setBearerAuth(PADAWAN));
    }

    WebTestClient.RequestHeadersSpec<?> tracking(Request request) {
        return http.get().uri("/api/v1/tracking/{token}", request.token());
    }

    @Test
    void shouldAnswer503WithRetryAfterQuicklyWhileMongoDbIsDownThenAnswerAgainOnceItIsBack() {
        // given: a ticket the agent and the person can read
        Request request = driver.qualified(1);
        agentTicket(request).exchange().expectStatus().isOk();
        tracking(request).exchange().expectStatus().isOk();

        // when: MongoDB goes away
        MongoWireServer.outage().cut();

        // then: the agent's call and the person's page answer 503 problem+json with Retry-After, within the bound
        for (int i = 0; i < 4; i++) {
            unavailableWithin(BOUND, () -> agentTicket(request));
            unavailableWithin(BOUND, () -> tracking(request));
        }
        unavailableWithin(BOUND, () -> http.post().uri("/api/v1/agent/tickets/{id}/claim", request.ticketId()).headers(h -> h.setBearerAuth(PADAWAN)));
        // and by now the breaker is open: the answer comes at once, without waiting for the driver
        assertThat(mongoBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        unavailableWithin(Duration.ofMillis(1000), () -> tracking(request));

        // when: MongoDB is back
        MongoWireServer.outage().restore();

        // then: both answer again (the breaker lets a few calls try after its open time, then closes)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            agentTicket(request).exchange().expectStatus().isOk().expectBody().jsonPath("$.ticketId").isEqualTo(request.ticketId());
            tracking(request).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("QUALIFIED");
        });
        assertThat(mongoBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** One call: 503 temporarily-unavailable in numi's problem shape, Retry-After = the breaker's open time, in time. */
    void unavailableWithin(Duration bound, Supplier<WebTestClient.RequestHeadersSpec<?>> call) {
        long start = System.nanoTime();
        WebTestClient.ResponseSpec response = call.get().exchange();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        byte[] body = response.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "temporarily-unavailable")
                .returnResult().getResponseBody();
        assertThat(Contracts.problemViolations(body)).isEmpty();
        assertThat(took).as("answered in %s", took).isLessThan(bound);
    }
}
