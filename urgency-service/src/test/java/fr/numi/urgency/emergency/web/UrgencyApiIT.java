package fr.numi.urgency.emergency.web;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import static fr.numi.urgency.support.Flow.DECLARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.Flow.Person;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The agents' urgency API over real HTTP with real tokens: declarations, reading, revision, and every refusal. */
@UrgencyIntegrationTest
class UrgencyApiIT {

    @Autowired
    CustomerKeys customerKeys;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    Playbook playbook;

    Flow flow;

    @BeforeEach
    void setUp() {
        flow = new Flow(brokers, port, customerKeys);
    }

    WebTestClient.ResponseSpec declare(String token, Map<String, ?> body) {
        WebTestClient.RequestBodySpec post = flow.http.post().uri("/api/v1/urgencies").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        return post.bodyValue(body).exchange();
    }

    /** A ticket whose request (without the red button) is on its way to urgency-service. */
    Person requestedTicket() {
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WEB", false, "Bonjour, quelqu'un utilise mon compte Facebook, il est piraté.");
        return person;
    }

    /** Declares as soon as urgency-service has seen the ticket (until then it answers 404). */
    byte[] declareOnceSeen(String token, Map<String, ?> body) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> declare(token, body).expectBody().returnResult(),
                        r -> r.getStatus().value() == 201)
                .getResponseBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "forged", "expired", "no-role"})
    void shouldAnswer401ProblemWhenTheTokenIsMissingForgedOrExpired(String kind) {
        // given
        String token = switch (kind) {
            case "none" -> null;
            case "forged" -> TestTokens.sign("another-secret-another-secret-0123456789", "mallory", List.of("SUPERVISOR"),
                    Instant.now().plusSeconds(600));
            case "expired" -> TestTokens.sign(TestTokens.SECRET, "agent-1", List.of("AGENT_L3"), Instant.now().minusSeconds(3600));
            default -> "not.a.jwt";
        };

        // when / then
        declare(token, Map.of("ticketId", "NUMI-0000-0000"))
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/unauthenticated");
    }

    @Test
    void shouldAnswer404ProblemWhenTheTicketWasNeverSeenOnTheIntakeTopic() {
        declare(TestTokens.agent("agent-1", "AGENT_L1"), Map.of("ticketId", "NUMI-ZZZZ-ZZZZ"))
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/unknown-ticket");
    }

    @Test
    void shouldAnswer400ProblemListingTheTypesWhenTheIncidentTypeIsUnknown() {
        declare(TestTokens.agent("agent-1", "AGENT_L1"), Map.of("ticketId", "NUMI-ZZZZ-ZZZZ", "incidentType", "ALIENS"))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/unknown-incident-type")
                .jsonPath("$.allowed.length()").isEqualTo(IncidentType.values().length);
    }

    @Test
    void shouldAnswer400ProblemWhenTheTicketIdIsMalformed() {
        declare(TestTokens.agent("agent-1", "AGENT_L1"), Map.of("ticketId", "ticket 42"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ticketId");
    }

    @Test
    void shouldAnswer403ProblemWhenTheTokenCarriesNoAgentRole() {
        declare(TestTokens.agent("someone", "CUSTOMER"), Map.of("ticketId", "NUMI-ZZZZ-ZZZZ"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldDeclareOnceAndAnswerTheExistingUrgencyWhenDeclaredAgain() {
        // given
        Person person = requestedTicket();

        // when
        JsonNode first = flow.json.readTree(declareOnceSeen(TestTokens.agent("agent-1", "AGENT_L2"), Map.of("ticketId", person.ticketId())));
        JsonNode second = flow.json.readTree(declare(TestTokens.agent("agent-2", "SUPERVISOR"),
                        Map.of("ticketId", person.ticketId(), "incidentType", "RANSOMWARE"))
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        // then: the text chose the type, the second declaration changed nothing
        assertThat(first.get("incidentType").asString()).isEqualTo("ACCOUNT_TAKEOVER");
        assertThat(first.get("incidentTypeSource").asString()).isEqualTo("TEXT");
        assertThat(second.get("urgencyId").asString()).isEqualTo(first.get("urgencyId").asString());
        assertThat(second.get("declaredBy").asString()).isEqualTo("agent-1");
        assertThat(second.get("incidentType").asString()).isEqualTo("ACCOUNT_TAKEOVER");
        flow.declared(person.ticketId(), 1);
        assertThat(flow.count(DECLARED, person.ticketId())).isEqualTo(1);
    }

    @Test
    void shouldShowInstructionsOrientationAndDeliveryToLevel3() {
        // given
        Person person = requestedTicket();
        declareOnceSeen(TestTokens.agent("agent-1", "AGENT_L1"), Map.of("ticketId", person.ticketId(), "incidentType", "BLACKMAIL"));

        // when
        JsonNode urgency = flow.urgencyBody(person.ticketId());

        // then
        assertThat(urgency.get("status").asString()).isEqualTo("DECLARED");
        assertThat(urgency.get("incidentLabel").asString()).isEqualTo("chantage ou sextorsion");
        assertThat(urgency.at("/instructions/lines/0").asString()).isEqualTo("Ne payez pas.");
        assertThat(urgency.at("/instructions/delivery/status").asString()).isEqualTo("DONE");
        assertThat(urgency.at("/orientation/steps/0/service").asString()).isEqualTo("Pharos");
        assertThat(urgency.at("/orientation/steps/0/url").asString()).isEqualTo("https://www.internet-signalement.gouv.fr");
        assertThat(urgency.at("/orientation/delivery/status").asString()).isEqualTo("DONE");
        assertThat(urgency.at("/declaration/status").asString()).isEqualTo("DONE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGENT_L1", "AGENT_L2"})
    void shouldAnswer403ProblemWhenBelowLevel3ReadsAnUrgency(String role) {
        flow.http.get().uri("/api/v1/urgencies/{id}", "NUMI-ZZZZ-ZZZZ")
                .header("Authorization", "Bearer " + TestTokens.agent("agent-1", role))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/forbidden");
    }

    @Test
    void shouldAnswer404ProblemWhenTheTicketHasNoUrgency() {
        flow.urgency("NUMI-ZZZZ-ZZZY")
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/urgency-not-found");
    }

    @Test
    void shouldSendTheNewTypesInstructionsAndRepublishWhenLevel3RevisesTheIncidentType() {
        // given: a red button whose words say nothing precise
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, "Au secours, aidez-moi vite !");
        assertThat(flow.declared(person.ticketId(), 1).get("incidentType").asString()).isEqualTo("OTHER");

        // when
        JsonNode revised = flow.json.readTree(flow.http.put().uri("/api/v1/urgencies/{id}/incident-type", person.ticketId())
                .header("Authorization", "Bearer " + TestTokens.agent("agent-l3", "AGENT_L3"))
                .bodyValue(Map.of("incidentType", "TRANSFER_SCAM"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        // then
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(revised.get("revisedBy").asString()).isEqualTo("agent-l3");
        JsonNode declared = flow.declared(person.ticketId(), 2);
        assertThat(declared.get("incidentType").asString()).isEqualTo("TRANSFER_SCAM");
        assertThat(declared.get("incidentTypeSource").asString()).isEqualTo("AGENT");
        assertThat(declared.get("revision").asInt()).isEqualTo(2);
        assertThat(declared.get("trigger").asString()).isEqualTo("RED_BUTTON");
        assertThat(flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 2).get("text").asString())
                .isEqualTo(playbook.instructionsText(IncidentType.TRANSFER_SCAM, person.ticketId()));
        assertThat(flow.notification(person.ticketId(), "CYBER_ORIENTATION", 2).get("text").asString())
                .isEqualTo(playbook.orientationText(IncidentType.TRANSFER_SCAM));
    }

    @Test
    void shouldAnswer403ProblemWhenALevel2AgentRevisesTheIncidentType() {
        flow.http.put().uri("/api/v1/urgencies/{id}/incident-type", "NUMI-ZZZZ-ZZZZ")
                .header("Authorization", "Bearer " + TestTokens.agent("agent-2", "AGENT_L2"))
                .bodyValue(Map.of("incidentType", "RANSOMWARE"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldAnswer400ProblemWhenRevisingToAnUnknownIncidentType() {
        flow.http.put().uri("/api/v1/urgencies/{id}/incident-type", "NUMI-ZZZZ-ZZZZ")
                .header("Authorization", "Bearer " + TestTokens.agent("agent-l3", "AGENT_L3"))
                .bodyValue(Map.of("incidentType", "card_fraud"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/unknown-incident-type");
    }
}
