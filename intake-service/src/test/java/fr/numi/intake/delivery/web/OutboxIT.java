package fr.numi.intake.delivery.web;

import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;

import fr.numi.contracts.testing.TestTokens;
import fr.numi.intake.support.IntakeIntegrationTest;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/v1/outbox}: the shared test context has provider credentials (the fake providers),
 * so the outbox entry is written as the delivery log writes it, then read over HTTP.
 */
@IntakeIntegrationTest
class OutboxIT {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    static final String SUPERVISOR = "Bearer " + TestTokens.agent("sup", "SUPERVISOR");

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void shouldListTheMessagesKeptForATicket() {
        // given
        mongo.save(new Document("_id", "NUMI-0TBX-0X01:notify:TICKET_CLAIMED:1").append("ticketId", "NUMI-0TBX-0X01")
                .append("kind", "TICKET_CLAIMED").append("outcome", "OUTBOX").append("via", "SMS").append("to", "+33612345678")
                .append("text", "Un conseiller s'occupe de vous.").append("at", new Date()), "deliveries").block(Duration.ofSeconds(5));
        mongo.save(new Document("_id", "NUMI-0TBX-0X01:notify:TICKET_RECEIVED:1").append("ticketId", "NUMI-0TBX-0X01")
                .append("kind", "TICKET_RECEIVED").append("outcome", "TRACKING_PAGE").append("at", new Date()), "deliveries").block(Duration.ofSeconds(5));

        // when / then
        http.get().uri("/api/v1/outbox?ticketId=NUMI-0TBX-0X01").header("Authorization", SUPERVISOR).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.messages.length()").isEqualTo(1)
                .jsonPath("$.messages[0].via").isEqualTo("SMS")
                .jsonPath("$.messages[0].to").isEqualTo("+33612345678")
                .jsonPath("$.messages[0].text").isEqualTo("Un conseiller s'occupe de vous.");
    }

    @Test
    void shouldShowRecipientsAndTextsToSupervisorsOnly() {
        // nobody signed in: 401; an agent of any level: 403 (it names recipients and holds the texts)
        expectProblem(http.get().uri("/api/v1/outbox?ticketId=NUMI-0TBX-0X01"), HttpStatus.UNAUTHORIZED, "unauthenticated");
        for (String role : List.of("AGENT_L1", "AGENT_L2", "AGENT_L3")) {
            expectProblem(http.get().uri("/api/v1/outbox?ticketId=NUMI-0TBX-0X01").header("Authorization", "Bearer " + TestTokens.agent("a", role)),
                    HttpStatus.FORBIDDEN, "forbidden");
        }
    }

    @Test
    void shouldAnswer400ProblemWithoutAValidTicketId() {
        http.get().uri("/api/v1/outbox?ticketId=../../etc").header("Authorization", SUPERVISOR).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
