package fr.numi.intake.privacy.web;

import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.FakeDataServices;
import fr.numi.intake.support.IntakeIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/v1/privacy/customers/{id}} (issue 14, item 3): intake's own part read from the Mongo-wire server, the
 * other four services' parts read over real HTTP from {@link FakeDataServices} with the DPO's token, one document; a
 * service that gives no part makes the export a 503 naming it; an unknown person gets an empty export; after an erasure
 * intake's part holds nothing of the person.
 */
@IntakeIntegrationTest
class ExportIT {

    static final String DPO = "Bearer " + TestTokens.agent("dora", "DPO");
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    static String email() {
        return "export-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static String customerIdOf(String email) {
        return Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, Contact.of(Contact.Kind.EMAIL, email));
    }

    static String unknownCustomer() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    String writeAsThePerson(String email, String words) {
        String body = "{\"name\":\"Jeanne Martin\",\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email + "\"},\"description\":\"" + words + "\"}";
        byte[] answer = http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return JsonPath.read(new String(answer, StandardCharsets.UTF_8), "$.ticketId");
    }

    String export(String customerId) {
        return new String(http.get().uri("/api/v1/privacy/customers/" + customerId).header("Authorization", DPO).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
    }

    long count(String collection, Criteria criteria) {
        return mongo.count(Query.query(criteria), collection).block(Duration.ofSeconds(5));
    }

    @Nested
    class AKnownPerson {

        @Test
        void shouldPutEveryServicesPartInOneDocumentReadWithTheDposToken() {
            // given: a person who wrote on the web form, and what the other services hold on them
            String email = email();
            String customerId = customerIdOf(email);
            String ticketId = writeAsThePerson(email, "Ma box internet clignote orange depuis ce matin.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1
                    && count("tickets", Criteria.where("customerId").is(customerId)) == 1);
            mongo.save(new Document("_id", ticketId + ":notify:TICKET_CLAIMED:1").append("ticketId", ticketId).append("customerId", customerId)
                    .append("kind", "TICKET_CLAIMED").append("outcome", "OUTBOX").append("to", email).append("text", "Bonjour Jeanne, on s'en occupe")
                    .append("at", new java.util.Date()), "deliveries").block(Duration.ofSeconds(5));
            FakeDataServices.part("ticket-service", customerId,
                    "\"tickets\":[{\"_id\":\"" + ticketId + "\",\"timeline\":[{\"text\":\"Ma box internet clignote orange\"}]}]");
            FakeDataServices.part("triage-service", customerId, "\"decisions\":[{\"_id\":\"req_1\",\"level\":1}]");
            FakeDataServices.part("feedback-service", customerId, "\"kpi_tickets\":[{\"_id\":\"" + ticketId + "\"}]");

            // when
            String export = export(customerId);

            // then: one document, intake's part first, then each service's in the settings' order
            assertThat((String) JsonPath.read(export, "$.customerId")).isEqualTo(customerId);
            assertThat((String) JsonPath.read(export, "$.exportedAt")).isNotBlank();
            assertThat((List<String>) JsonPath.read(export, "$.services[*].service"))
                    .containsExactly("intake-service", "triage-service", "ticket-service", "urgency-service", "feedback-service");
            // intake's own data: the contact, the request's record, the message kept for them, in plain JSON
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.contacts[*]._id")).containsExactly(customerId);
            assertThat(export).contains(email);
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.tickets[*]._id")).containsExactly(ticketId);
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.deliveries[*].text"))
                    .containsExactly("Bonjour Jeanne, on s'en occupe");
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.deliveries[*].at")).singleElement()
                    .satisfies(at -> assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
            // the others' parts as they gave them
            assertThat((List<String>) JsonPath.read(export, "$.services[2].collections.tickets[0].timeline[*].text"))
                    .containsExactly("Ma box internet clignote orange");
            assertThat((List<Integer>) JsonPath.read(export, "$.services[1].collections.decisions[*].level")).containsExactly(1);
            assertThat((List<String>) JsonPath.read(export, "$.services[4].collections.kpi_tickets[*]._id")).containsExactly(ticketId);
            // each service was asked once with the DPO's own token (ticket-service's first instance is dead: its second answered)
            assertThat(FakeDataServices.calls(customerId)).extracting(FakeDataServices.Call::service)
                    .containsExactlyInAnyOrderElementsOf(FakeDataServices.SERVICES);
            assertThat(FakeDataServices.calls(customerId)).extracting(FakeDataServices.Call::authorization).containsOnly(DPO);
        }

        @Test
        void shouldFindThePersonByTheContactTheyWroteFrom() {
            // given: a person who wrote on the web form
            String email = email();
            String customerId = customerIdOf(email);
            writeAsThePerson(email, "Mon scanner ne répond plus.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);

            // when: the DPO names them by their address, spelt another way
            String export = new String(http.post().uri("/api/v1/privacy/exports").header("Authorization", DPO)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email.toUpperCase() + "\"}}").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);

            // then: the same export as by their customer id
            assertThat((String) JsonPath.read(export, "$.customerId")).isEqualTo(customerId);
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.contacts[*]._id")).containsExactly(customerId);
            // and an address nobody wrote from gets an empty export, not a refusal
            String nobody = new String(http.post().uri("/api/v1/privacy/exports").header("Authorization", DPO)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email() + "\"}}")
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
            assertThat((List<Object>) JsonPath.read(nobody, "$.services[0].collections.*[*]")).isEmpty();
        }

        @Test
        void shouldHoldNothingOfThePersonInIntakesPartOnceErased() {
            // given: a person who wrote, then was erased
            String email = email();
            String customerId = customerIdOf(email);
            writeAsThePerson(email, "Mon imprimante refuse d'imprimer en couleur.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);
            assertThat(export(customerId)).contains(email);
            String erasure = JsonPath.read(new String(http.post().uri("/api/v1/privacy/erasures").header("Authorization", DPO)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customerId\":\"" + customerId + "\"}").exchange()
                    .expectStatus().isAccepted().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8), "$.erasureId");
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(new String(http.get()
                    .uri("/api/v1/privacy/erasures/" + erasure).header("Authorization", DPO).exchange().expectBody().returnResult()
                    .getResponseBody(), StandardCharsets.UTF_8), "$.status")).isEqualTo("COMPLETED"));

            // when
            String export = export(customerId);

            // then: no contact, no request tied to them; only the erasure itself, which names no contact
            assertThat(export).doesNotContain(email).doesNotContain("imprimante");
            assertThat((List<Object>) JsonPath.read(export, "$.services[0].collections.contacts")).isEmpty();
            assertThat((List<Object>) JsonPath.read(export, "$.services[0].collections.tickets")).isEmpty();
            assertThat((List<String>) JsonPath.read(export, "$.services[0].collections.erasures[*]._id")).containsExactly(erasure);
        }
    }

    @Nested
    class AnUnknownPerson {

        @Test
        void shouldAnswerAnExportWithNothingInIt() {
            String customerId = unknownCustomer();

            String export = export(customerId);

            assertThat((List<String>) JsonPath.read(export, "$.services[*].service")).hasSize(5);
            assertThat((List<Object>) JsonPath.read(export, "$.services[0].collections.*[*]")).isEmpty();
            assertThat((List<Object>) JsonPath.read(export, "$.services[1:].collections.*")).isEmpty();
        }
    }

    @Nested
    class AServiceThatGivesNoPart {

        @Test
        void shouldRefuseTheWholeExportWith503NamingIt() {
            // given: urgency-service fails, feedback-service is not reachable
            String customerId = unknownCustomer();
            FakeDataServices.failing("urgency-service", customerId, 503);
            FakeDataServices.failing("feedback-service", customerId, 500);

            // when, then: no partial export, the services named
            expectProblem(http.get().uri("/api/v1/privacy/customers/" + customerId).header("Authorization", DPO),
                    HttpStatus.SERVICE_UNAVAILABLE, "export-incomplete")
                    .jsonPath("$.services").isEqualTo(List.of("urgency-service", "feedback-service"))
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("urgency-service", "feedback-service"));
        }
    }

    @Nested
    class BadCalls {

        @Test
        void shouldRefuseEveryoneButTheDpo() {
            String path = "/api/v1/privacy/customers/" + unknownCustomer();
            expectProblem(http.get().uri(path), HttpStatus.UNAUTHORIZED, "unauthenticated");
            for (String role : List.of("AGENT_L1", "AGENT_L3", "SUPERVISOR")) {
                expectProblem(http.get().uri(path).header("Authorization", "Bearer " + TestTokens.agent("a", role)),
                        HttpStatus.FORBIDDEN, "forbidden");
            }
        }

        @Test
        void shouldAnswer400ProblemForAnIdThatIsNoCustomerId() {
            http.get().uri("/api/v1/privacy/customers/cus_123").header("Authorization", DPO).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void shouldAnswer400ProblemForABodyThatNamesNobodyOrTwoWays() {
            for (String body : List.of("{}", "{\"customerId\":\"cus_123\"}",
                    "{\"customerId\":\"cus_00000000000000000000000000000000\",\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@example.org\"}}",
                    "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"not-an-address\"}}")) {
                http.post().uri("/api/v1/privacy/exports").header("Authorization", DPO).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
            expectProblem(http.post().uri("/api/v1/privacy/exports").contentType(MediaType.APPLICATION_JSON).bodyValue("{}"),
                    HttpStatus.UNAUTHORIZED, "unauthenticated");
            expectProblem(http.post().uri("/api/v1/privacy/exports").header("Authorization", "Bearer " + TestTokens.agent("s", "SUPERVISOR"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}"), HttpStatus.FORBIDDEN, "forbidden");
        }
    }
}
