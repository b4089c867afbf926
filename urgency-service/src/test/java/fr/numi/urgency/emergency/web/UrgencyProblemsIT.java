package fr.numi.urgency.emergency.web;

import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import fr.numi.contracts.testing.TestTokens;
import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;

import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every error path of the urgency API over real HTTP answers numi's one problem+json shape
 * (contracts/http/problem.schema.json): 400 unreadable body, 400 field errors, 401, 403 from the filter chain and from
 * the protocol, 404, 405, 415. 409 and 503 are in {@code ProblemHandlerTest}: they need a protocol caught mid-write.
 */
@UrgencyIntegrationTest
class UrgencyProblemsIT {

    @Autowired
    CustomerKeys customerKeys;

    static final String URGENCIES = "/api/v1/urgencies";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = new Flow(brokers, port, customerKeys).http;
    }

    static String bearer(String role) {
        return "Bearer " + TestTokens.agent("agent-1", role);
    }

    @Test
    void shouldAnswer400WhenTheBodyIsNotJson() {
        expectProblem(http.post().uri(URGENCIES).header("Authorization", bearer("AGENT_L1")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ticketId\": "), HttpStatus.BAD_REQUEST, "malformed-request");
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenTheTicketIdIsMalformed() {
        expectProblem(http.post().uri(URGENCIES).header("Authorization", bearer("AGENT_L1")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ticketId", "ticket 42")), HttpStatus.BAD_REQUEST, "invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("ticketId");
    }

    @Test
    void shouldAnswer400NamingTheFieldAndTheAllowedValuesWhenTheIncidentTypeIsUnknown() {
        expectProblem(http.post().uri(URGENCIES).header("Authorization", bearer("AGENT_L1")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ticketId", "NUMI-ZZZZ-ZZZZ", "incidentType", "ALIENS")), HttpStatus.BAD_REQUEST, "unknown-incident-type")
                .jsonPath("$.errors[0].field").isEqualTo("incidentType")
                .jsonPath("$.allowed").isArray();
    }

    @Test
    void shouldAnswer401WhenTheTokenIsMissingOrHasNoSubject() {
        expectProblem(http.get().uri(URGENCIES + "/NUMI-ZZZZ-ZZZZ"), HttpStatus.UNAUTHORIZED, "unauthenticated");
        String noSubject = TestTokens.sign(TestTokens.SECRET, " ", List.of("AGENT_L3"), Instant.now().plusSeconds(600));
        expectProblem(http.get().uri(URGENCIES + "/NUMI-ZZZZ-ZZZZ").header("Authorization", "Bearer " + noSubject), HttpStatus.UNAUTHORIZED,
                "unauthenticated");
    }

    @Test
    void shouldAnswer403WhenTheTokenHasNoAgentRoleOrTheAgentIsBelowLevel3() {
        expectProblem(http.get().uri(URGENCIES + "/NUMI-ZZZZ-ZZZZ").header("Authorization", bearer("CUSTOMER")), HttpStatus.FORBIDDEN, "forbidden");
        expectProblem(http.get().uri(URGENCIES + "/NUMI-ZZZZ-ZZZZ").header("Authorization", bearer("AGENT_L2")), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void shouldAnswer404WhenTheTicketIsUnknownOrHasNoUrgency() {
        expectProblem(http.post().uri(URGENCIES).header("Authorization", bearer("AGENT_L1")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("ticketId", "NUMI-ZZZZ-ZZZZ")), HttpStatus.NOT_FOUND, "unknown-ticket");
        expectProblem(http.get().uri(URGENCIES + "/NUMI-ZZZZ-ZZZX").header("Authorization", bearer("AGENT_L3")), HttpStatus.NOT_FOUND,
                "urgency-not-found");
    }

    @Test
    void shouldAnswer405WhenTheMethodIsNotOneOfTheApis() {
        expectProblem(http.delete().uri(URGENCIES + "/NUMI-ZZZZ-ZZZZ").header("Authorization", bearer("AGENT_L3")), HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed");
    }

    @Test
    void shouldAnswer415WhenTheBodyIsNotJson() {
        expectProblem(http.post().uri(URGENCIES).header("Authorization", bearer("AGENT_L1")).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("NUMI-ZZZZ-ZZZZ"), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }
}
