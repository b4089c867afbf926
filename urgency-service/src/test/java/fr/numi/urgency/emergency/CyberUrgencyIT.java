package fr.numi.urgency.emergency;

import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import static fr.numi.urgency.support.Flow.DECLARED;
import static fr.numi.urgency.support.Flow.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.OrientationStep;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.support.Alertmanager;
import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.Flow.Person;
import fr.numi.urgency.support.Prometheus;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** The protocol end to end: real records in on a real broker, real records and a real HTTP page out. */
@UrgencyIntegrationTest
class CyberUrgencyIT {

    @Autowired
    CustomerKeys customerKeys;

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String ANYDESK = "Un faux technicien a pris le contrôle de mon ordinateur avec AnyDesk, il veut que je paie.";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    /** The actuator, on the management port. */
    @LocalManagementPort
    int managementPort;

    @Autowired
    Playbook playbook;

    Flow flow;
    Prometheus prometheus;

    @BeforeEach
    void setUp() {
        flow = new Flow(brokers, port, customerKeys);
        prometheus = new Prometheus(managementPort);
    }

    double urgencies(String trigger, String type) {
        return prometheus.value("numi_cyber_urgencies_total",
                Map.of("application", "urgency-service", "trigger", trigger, "incident_type", type));
    }

    double duplicates(String trigger) {
        return prometheus.value("numi_cyber_urgency_duplicates_total", Map.of("trigger", trigger));
    }

    @Test
    void shouldDeclareSendInstructionsAndOrientationWhenThePersonPressesTheRedButton() {
        // given
        Person person = Flow.newPerson();
        double before = urgencies("RED_BUTTON", "REMOTE_ACCESS_SCAM");

        // when
        flow.requestReceived(person, "WHATSAPP", true, ANYDESK);

        // then: the ticket is told, with the content level 3 works with
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("urgencyId").asString()).isEqualTo("urg-" + person.ticketId());
        assertThat(declared.get("customerId").asString()).isEqualTo(person.customerId());
        assertThat(declared.get("trigger").asString()).isEqualTo("RED_BUTTON");
        assertThat(declared.get("incidentType").asString()).isEqualTo("REMOTE_ACCESS_SCAM");
        assertThat(declared.get("incidentTypeSource").asString()).isEqualTo("TEXT");
        assertThat(declared.get("revision").asInt()).isEqualTo(1);
        assertThat(declared.at("/instructions/delivery").asString()).isEqualTo("HANDED_TO_DELIVERY");
        assertThat(declared.at("/instructions/version").asString()).isEqualTo(playbook.instructionsVersion());
        assertThat(strings(declared.at("/instructions/lines"))).isEqualTo(playbook.instructions(IncidentType.REMOTE_ACCESS_SCAM).lines());
        assertThat(declared.at("/orientation/delivery").asString()).isEqualTo("HANDED_TO_DELIVERY");
        assertThat(declared.at("/orientation/steps/0/serviceId").asString()).isEqualTo("OPPOSITION");
        assertThat(declared.at("/orientation/steps/0/phone").asString()).isEqualTo("0 892 705 705");
        // and the person gets both messages on their own channel
        JsonNode instructions = flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1);
        assertThat(instructions.get("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(instructions.get("customerId").asString()).isEqualTo(person.customerId());
        assertThat(instructions.get("text").asString())
                .isEqualTo(playbook.instructionsText(IncidentType.REMOTE_ACCESS_SCAM, person.ticketId()))
                .startsWith("Urgence cyber : faites ceci tout de suite.\n- Raccrochez.\n");
        JsonNode orientation = flow.notification(person.ticketId(), "CYBER_ORIENTATION", 1);
        assertThat(orientation.get("text").asString()).isEqualTo(playbook.orientationText(IncidentType.REMOTE_ACCESS_SCAM));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(urgencies("RED_BUTTON", "REMOTE_ACCESS_SCAM")).isEqualTo(before + 1));
    }

    @Test
    void shouldReadARedButtonSealedWithAKeyOnlyItsRecordCarries() {
        // given: intake sealed the red button with a key it made while the key store did not answer, then died: the key
        // store never got that key, the record alone carries it
        Person person = Flow.newPerson();

        // when
        flow.redButtonPressedByAnInstanceThatDied(person, "WHATSAPP", ANYDESK);

        // then: the person's words opened: the incident is the one they describe, and its instructions go out
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("trigger").asString()).isEqualTo("RED_BUTTON");
        assertThat(declared.get("incidentType").asString()).isEqualTo("REMOTE_ACCESS_SCAM");
        assertThat(declared.get("incidentTypeSource").asString()).isEqualTo("TEXT");
        assertThat(flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1).get("text").asString())
                .isEqualTo(playbook.instructionsText(IncidentType.REMOTE_ACCESS_SCAM, person.ticketId()));
    }

    @Test
    void shouldDeclareOnceFromTheRedButtonLaneBeforeTheRequestItselfArrives() {
        // given
        Person person = Flow.newPerson();
        double before = urgencies("RED_BUTTON", "REMOTE_ACCESS_SCAM");

        // when: the red button on its own lane, then the same request on the intake topic
        flow.redButtonPressed(person, "PHONE", ANYDESK);
        JsonNode declared = flow.declared(person.ticketId(), 1);
        flow.requestReceived(person, "PHONE", true, ANYDESK);

        // then: one urgency, declared from the lane
        assertThat(declared.get("trigger").asString()).isEqualTo("RED_BUTTON");
        assertThat(declared.get("channel").asString()).isEqualTo("PHONE");
        // (same request id on both: the copy from the intake topic is a redelivery, not a second urgency)
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> flow.count(DECLARED, person.ticketId()) == 1);
        assertThat(urgencies("RED_BUTTON", "REMOTE_ACCESS_SCAM")).isEqualTo(before + 1);
    }

    @Test
    void shouldDeclareWithTriagesCategoryWhenTriageFlagsACyberEmergency() {
        // given
        Person person = Flow.newPerson();
        flow.requestReceived(person, "PHONE", false, "Bonjour, il y a des paiements bizarres sur mon compte.");

        // when
        flow.triaged(person, "card-fraud", true);

        // then
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("trigger").asString()).isEqualTo("TRIAGE");
        assertThat(declared.get("incidentType").asString()).isEqualTo("CARD_FRAUD");
        assertThat(declared.get("incidentTypeSource").asString()).isEqualTo("TRIAGE_CATEGORY");
        assertThat(flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1).get("channel").asString()).isEqualTo("PHONE");
    }

    @Test
    void shouldStartTheProtocolWhenALevel3AgentConfirmsWhatTriageOnlySuspected() {
        // given: triage suspected it (level 3, not cyber): no urgency, nothing alarming sent
        Person person = Flow.newPerson();
        flow.requestReceived(person, "PHONE", false, "Un conseiller de ma banque m'appelle, il veut que je valide une opération.");
        flow.triaged(person, "fake-advisor", false);

        // when: the level-3 agent confirms from the desk
        flow.triageCorrected(person, "maitre-1", "SUSPECTED", "EMERGENCY", "fake-advisor");

        // then: declared by the agent, the first instructions go to the person on their channel
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("trigger").asString()).isEqualTo("AGENT");
        assertThat(declared.get("declaredBy").asString()).isEqualTo("maitre-1");
        assertThat(flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1).get("channel").asString()).isEqualTo("PHONE");
        flow.notification(person.ticketId(), "CYBER_ORIENTATION", 1);
    }

    @Test
    void shouldDoNothingWhenTriageIsNotCyber() {
        // given
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WEB", false, "Mon imprimante ne marche plus.");
        double before = prometheus.value("numi_cyber_decisions_total", Map.of("category", "printing"));
        Person other = Flow.newPerson();

        // when: a non-cyber decision, then a cyber one behind it on the same topic
        flow.triaged(person, "printing", false);
        flow.requestReceived(other, "WEB", false, "rançon");
        flow.triaged(other, "ransomware", true);

        // then: once the later one is through, the first one made no urgency
        flow.declared(other.ticketId(), 1);
        flow.urgency(person.ticketId()).expectStatus().isNotFound();
        assertThat(prometheus.value("numi_cyber_decisions_total", Map.of("category", "printing"))).isEqualTo(before);
    }

    @Test
    void shouldWaitForTheRequestThenDeclareWhenTriageArrivesFirst() {
        // given
        Person person = Flow.newPerson();

        // when: triage's decision overtakes the request on its way to urgency-service
        flow.triaged(person, "scam", true);

        // then it waits, visibly
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(flow.urgencyBody(person.ticketId()).get("status").asString()).isEqualTo("AWAITING_REQUEST"));

        // when the request arrives
        flow.requestReceived(person, "WEB", false, "J'ai cliqué sur un lien dans un SMS pour un colis.");

        // then the urgency goes out on the person's channel, with the type the text and category point to
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("trigger").asString()).isEqualTo("TRIAGE");
        assertThat(declared.get("incidentType").asString()).isEqualTo("PHISHING_LINK");
        assertThat(flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1).get("channel").asString()).isEqualTo("WEB");
    }

    @Test
    void shouldIgnoreTriagesDecisionWhenItArrivesAfterTheRedButton() {
        // given
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, ANYDESK);
        flow.declared(person.ticketId(), 1);
        double before = duplicates("TRIAGE");

        // when
        flow.triaged(person, "card-fraud", true);

        // then: noticed, and nothing else
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(duplicates("TRIAGE")).isEqualTo(before + 1));
        assertThat(flow.count(DECLARED, person.ticketId())).isEqualTo(1);
        assertThat(flow.count(NOTIFICATIONS, person.ticketId())).isEqualTo(2);
        JsonNode urgency = flow.urgencyBody(person.ticketId());
        assertThat(urgency.get("trigger").asString()).isEqualTo("RED_BUTTON");
        assertThat(urgency.get("incidentType").asString()).isEqualTo("REMOTE_ACCESS_SCAM");
    }

    @Test
    void shouldMakeOneUrgencyWhenTheRedButtonAndTriageTriggerTogether() {
        // given
        Person person = Flow.newPerson();
        double before = duplicates("TRIAGE") + duplicates("RED_BUTTON");

        // when: both triggers at once, on two topics read by two consumers
        flow.requestReceived(person, "WEB", true, "On m'a volé ma carte bancaire, des paiements non autorisés.");
        flow.triaged(person, "card-fraud", true);

        // then
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(duplicates("TRIAGE") + duplicates("RED_BUTTON")).isEqualTo(before + 1));
        flow.declared(person.ticketId(), 1);
        assertThat(flow.count(DECLARED, person.ticketId())).isEqualTo(1);
        assertThat(flow.count(NOTIFICATIONS, person.ticketId())).isEqualTo(2);
    }

    @Test
    void shouldPageLevel3WithAnAlertmanagerAlertNamingTheTicketAndNotThePerson() {
        // given
        Person person = Flow.newPerson();

        // when
        flow.requestReceived(person, "WHATSAPP", true, ANYDESK);

        // then: exactly one POST, Alertmanager's API v2 body
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Alertmanager.about(person.ticketId())).hasSize(1));
        Alertmanager.Received page = Alertmanager.about(person.ticketId()).get(0);
        assertThat(page.method()).isEqualTo("POST");
        assertThat(page.path()).isEqualTo("/api/v2/alerts");
        assertThat(page.contentType()).isEqualTo("application/json");
        JsonNode urgency = flow.urgencyBody(person.ticketId());
        String t = person.ticketId();
        String link = "https://numi.example/urgency/api/v1/urgencies/" + t;
        String label = "faux support technique ou prise en main à distance";
        String expected = """
                [{"labels": {"alertname": "NumiCyberUrgency", "severity": "critical", "team": "level-3", "service": "urgency-service",
                             "ticket": "%1$s", "incident_type": "REMOTE_ACCESS_SCAM", "trigger": "RED_BUTTON",
                             "instructions": "HANDED_TO_DELIVERY"},
                  "annotations": {"summary": "Urgence cyber %1$s : %2$s",
                                  "description": "Urgence cyber sur le ticket %1$s (%2$s) : la personne a appuyé sur le bouton rouge. Le ticket est en tête de la file du niveau 3. Les premières consignes ont été envoyées à la personne.",
                                  "instructions_delivery": "HANDED_TO_DELIVERY", "orientation_delivery": "HANDED_TO_DELIVERY",
                                  "urgency_url": "%3$s"},
                  "startsAt": "%4$s",
                  "generatorURL": "%3$s"}]
                """.formatted(t, label, link, urgency.get("declaredAt").asString());
        assertThat(flow.json.readTree(page.body())).isEqualTo(flow.json.readTree(expected));
        assertThat(page.body()).doesNotContain(person.customerId()).doesNotContain("AnyDesk");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode now = flow.urgencyBody(person.ticketId());
            assertThat(now.at("/page/status").asString()).isEqualTo("SENT");
            assertThat(now.at("/page/attempts").asInt()).isEqualTo(1);
        });
    }

    @Autowired
    fr.numi.urgency.emergency.application.UrgencyStore urgencies;

    @Test
    void shouldLetOneInstanceAtATimeTakeAPendingPageUntilItsLeaseRunsOut() {
        // given: a declared urgency whose page is pending again (the instance that took it died before recording it)
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, ANYDESK);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(flow.urgencyBody(person.ticketId()).at("/page/status").asString())
                .isEqualTo("SENT"));
        urgencies.savePage(person.ticketId(), fr.numi.urgency.emergency.domain.Page.PENDING);
        java.time.Instant now = java.time.Instant.now();

        // when / then: one instance takes it, another cannot while its lease stands, and can once it ran out
        assertThat(urgencies.claimPage(person.ticketId(), now, now.plus(Duration.ofMinutes(2)))).isTrue();
        assertThat(urgencies.claimPage(person.ticketId(), now.plusSeconds(1), now.plus(Duration.ofMinutes(2)))).isFalse();
        assertThat(urgencies.claimPage(person.ticketId(), now.plus(Duration.ofMinutes(3)), now.plus(Duration.ofMinutes(5)))).isTrue();

        // and a page no longer pending is nobody's to take
        urgencies.savePage(person.ticketId(), new fr.numi.urgency.emergency.domain.Page(
                fr.numi.urgency.emergency.domain.PageStatus.SENT, 1, now, null));
        assertThat(urgencies.claimPage(person.ticketId(), now.plus(Duration.ofMinutes(9)), now.plus(Duration.ofMinutes(10)))).isFalse();
    }

    @Test
    void shouldShowThePageFailedAndCountItWhenTheWebhookKeepsFailing() {
        // given
        Person person = Flow.newPerson();
        Alertmanager.refuse(person.ticketId());
        double before = prometheus.value("numi_cyber_page_failures_total", Map.of("application", "urgency-service"));

        // when
        flow.requestReceived(person, "PHONE", true, "rançongiciel, mes fichiers sont chiffrés");

        // then: the urgency still went out, and level 3 can see the page did not
        flow.declared(person.ticketId(), 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode urgency = flow.urgencyBody(person.ticketId());
            assertThat(urgency.at("/page/status").asString()).isEqualTo("FAILED");
            assertThat(urgency.at("/page/attempts").asInt()).isEqualTo(3);
            assertThat(urgency.at("/page/error").asString()).contains("500");
        });
        assertThat(Alertmanager.about(person.ticketId())).hasSize(3);
        assertThat(prometheus.value("numi_cyber_page_failures_total", Map.of("application", "urgency-service"))).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(IncidentType.class)
    void shouldSendTheInstructionsAndOrientationOfTheIncidentTypeAnAgentDeclared(IncidentType type) {
        // given
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WEB", false, "Bonjour, j'ai un souci.");
        String token = TestTokens.agent("agent-7", "AGENT_L1");

        // when (once urgency-service has seen the request)
        await().atMost(PATIENCE).untilAsserted(() -> flow.http.post().uri("/api/v1/urgencies")
                .header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("ticketId", person.ticketId(), "incidentType", type.name()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED));

        // then
        JsonNode declared = flow.declared(person.ticketId(), 1);
        assertThat(declared.get("trigger").asString()).isEqualTo("AGENT");
        assertThat(declared.get("declaredBy").asString()).isEqualTo("agent-7");
        assertThat(declared.get("incidentType").asString()).isEqualTo(type.name());
        assertThat(declared.get("incidentLabel").asString()).isEqualTo(playbook.label(type));
        assertThat(StreamSupport.stream(declared.at("/orientation/steps").spliterator(), false).map(s -> s.get("serviceId").asString()))
                .containsExactlyElementsOf(playbook.orientation(type).steps().stream().map(OrientationStep::service).map(s -> s.id()).toList());
        String instructions = flow.notification(person.ticketId(), "CYBER_INSTRUCTIONS", 1).get("text").asString();
        assertThat(instructions).isEqualTo(playbook.instructionsText(type, person.ticketId()));
        assertThat(instructions.lines().toList()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(line -> assertThat(line).hasSizeLessThan(110));
        String orientation = flow.notification(person.ticketId(), "CYBER_ORIENTATION", 1).get("text").asString();
        assertThat(orientation).isEqualTo(playbook.orientationText(type)).startsWith("Voici qui contacter, dans cet ordre.\n1. ");
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
