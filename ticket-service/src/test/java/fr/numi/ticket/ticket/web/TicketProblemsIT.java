package fr.numi.ticket.ticket.web;

import fr.numi.contracts.testing.TestTokens;
import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;

import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every error path of the agents' desk and of the tracking API over real HTTP answers numi's one problem+json shape
 * (contracts/http/problem.schema.json): 400 unreadable body, 400 field errors, 400 a request the ticket's rules refuse,
 * 401, 403 from the filter chain and from the desk, 404, 405, 409, 415.
 */
@TicketIntegrationTest
class TicketProblemsIT {

    static final String PADAWAN = TestTokens.agent("alice", "AGENT_L1");
    static final String OTHER_PADAWAN = TestTokens.agent("bob", "AGENT_L1");

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    TicketDriver driver;
    WebTestClient http;

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
        http = driver.http();
    }

    @Test
    void shouldAnswer400WhenTheBodyIsNotJson() {
        problem(post(PADAWAN, "NUMI-ZZZZ-ZZZZ", "replies").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\": "),
                HttpStatus.BAD_REQUEST, "malformed-request");
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenTheReplyIsBlank() {
        problem(post(PADAWAN, "NUMI-ZZZZ-ZZZZ", "replies").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("text", " ")),
                HttpStatus.BAD_REQUEST, "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("text");
    }

    @Test
    void shouldAnswer400WhenTheTicketsRulesRefuseTheRequest() {
        Request request = driver.qualified(1);
        problem(post(PADAWAN, request.ticketId(), "merge").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ticketId", request.ticketId())), HttpStatus.BAD_REQUEST, "invalid-request");
    }

    @Test
    void shouldAnswer401WhenTheTokenIsMissingOrHasNoAgentId() {
        problem(http.get().uri("/api/v1/agent/queues/1"), HttpStatus.UNAUTHORIZED, "unauthenticated");
        String noSubject = TestTokens.sign(TestTokens.SECRET, " ", List.of("AGENT_L1"), Instant.now().plusSeconds(600));
        problem(http.get().uri("/api/v1/agent/queues/1").headers(h -> h.setBearerAuth(noSubject)), HttpStatus.UNAUTHORIZED,
                "unauthenticated");
    }

    @Test
    void shouldAnswer403WhenTheTokenHasNoAgentRoleOrTheQueueIsAboveTheAgentsLevel() {
        problem(http.get().uri("/api/v1/agent/queues/1").headers(h -> h.setBearerAuth(TestTokens.agent("someone", "CUSTOMER"))),
                HttpStatus.FORBIDDEN, "forbidden");
        problem(http.get().uri("/api/v1/agent/queues/3").headers(h -> h.setBearerAuth(PADAWAN)), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void shouldAnswer404WhenTheTicketTheTrackingLinkOrTheAddressIsUnknown() {
        problem(http.get().uri("/api/v1/agent/tickets/NUMI-ZZZZ-ZZZZ").headers(h -> h.setBearerAuth(PADAWAN)), HttpStatus.NOT_FOUND,
                "ticket-not-found");
        problem(http.get().uri("/api/v1/tracking/{token}", "no-such-token"), HttpStatus.NOT_FOUND, "tracking-not-found");
        problem(http.get().uri("/api/v1/agent/nothing-here").headers(h -> h.setBearerAuth(PADAWAN)), HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void shouldAnswer405WhenTheMethodIsNotOneOfTheApis() {
        problem(http.delete().uri("/api/v1/agent/tickets/NUMI-ZZZZ-ZZZZ").headers(h -> h.setBearerAuth(PADAWAN)),
                HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    @Test
    void shouldAnswer409WhenTheStateOrTheAssigneeRefusesTheAction() {
        Request request = driver.qualified(1);
        problem(post(PADAWAN, request.ticketId(), "close"), HttpStatus.CONFLICT, "illegal-transition")
                .jsonPath("$.currentStatus").isEqualTo("QUALIFIED");
        http.post().uri("/api/v1/agent/tickets/{id}/claim", request.ticketId()).headers(h -> h.setBearerAuth(PADAWAN)).exchange()
                .expectStatus().isOk();
        problem(post(OTHER_PADAWAN, request.ticketId(), "replies").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "Bonjour")), HttpStatus.CONFLICT, "not-assigned");
    }

    @Test
    void shouldAnswer415WhenTheBodyIsNotJson() {
        problem(post(PADAWAN, "NUMI-ZZZZ-ZZZZ", "replies").contentType(MediaType.TEXT_PLAIN).bodyValue("Bonjour"),
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    private WebTestClient.RequestBodySpec post(String token, String ticketId, String action) {
        return http.post().uri("/api/v1/agent/tickets/{id}/" + action, ticketId).headers(h -> h.setBearerAuth(token));
    }

    /** Connection: close: reactor-netty #4361 can stall a kept-alive connection after an error answer. */
    private static WebTestClient.BodyContentSpec problem(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status, String type) {
        return expectProblem(request.header("Connection", "close"), status, type);
    }
}
