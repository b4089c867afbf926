package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import static fr.numi.ticket.support.TicketDriver.LIFECYCLE;
import static fr.numi.ticket.support.TicketDriver.RECEIVED;
import static fr.numi.ticket.support.TicketDriver.TRIAGED;
import static fr.numi.ticket.support.TicketDriver.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ticket-service's flows over real Kafka and a real Mongo-wire server. Run on embedded infrastructure
 * ({@link TicketFlowIT}) and, where Docker exists, on Testcontainers ({@link TicketFlowContainersIT}).
 */
abstract class TicketFlowScenarios {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;
    TicketDriver driver;

    abstract String brokers();

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers(), clock, mongo, port);
    }

    @Test
    void shouldOpenQualifyQueueAndPublishWhenTheRequestThenItsTriageArrive() {
        // given
        Request request = TicketDriver.newRequest();

        // when
        driver.sendReceived(request, false);
        driver.sendTriaged(request, 2, "NORMAL", false);

        // then: the person sees the qualified ticket
        driver.awaitStatus(request.token(), "QUALIFIED")
                .jsonPath("$.ticketId").isEqualTo(request.ticketId())
                .jsonPath("$.level").isEqualTo(2)
                .jsonPath("$.levelLabel").value(label -> assertThat((String) label).contains("Jedi"))
                .jsonPath("$.nextStep").isNotEmpty()
                .jsonPath("$.timeline.length()").isEqualTo(3)
                .jsonPath("$.timeline[0].from").isEqualTo("person");

        // and the level-2 queue has it, as the contract says
        ConsumerRecord<String, byte[]> queued = Records.await(brokers(), "ticket.queue-level-2.v1", about(request), 1).get(0);
        assertThat(queued.key()).isEqualTo(request.ticketId());
        assertThat(Contracts.headerViolations("ticket.queue-level-2.v1", Records.rawHeaders(queued))).isEmpty();
        assertThat(Contracts.bodyViolations("ticket.queue-level-2.v1", queued.value())).isEmpty();
        assertThat(SealedRecords.open(queued, customerKeys).get("priority").asInt()).isEqualTo(50);

        // and the lifecycle topic tells received then qualified
        List<ConsumerRecord<String, byte[]>> lifecycle = Records.await(brokers(), LIFECYCLE, about(request), 2).subList(0, 2);
        assertThat(lifecycle).extracting(r -> Records.header(r, "ce_type"))
                .containsExactly("fr.numi.ticket.ticket-received.v1", "fr.numi.ticket.ticket-qualified.v1");
        assertThat(lifecycle).allSatisfy(r -> {
            assertThat(Contracts.headerViolations(LIFECYCLE, Records.rawHeaders(r))).isEmpty();
            assertThat(Contracts.bodyViolations(LIFECYCLE, r.value())).isEmpty();
        });

        // and the person is told, on the notification topic
        List<ConsumerRecord<String, byte[]>> notes = Records.await(brokers(), "ticket.notification-requested.v1", about(request), 2);
        assertThat(notes).allSatisfy(r -> {
            assertThat(Contracts.headerViolations("ticket.notification-requested.v1", Records.rawHeaders(r))).isEmpty();
            assertThat(Contracts.bodyViolations("ticket.notification-requested.v1", r.value())).isEmpty();
        });

        // and the stored ticket holds the triage reasons, with nothing left in its outbox
        Document stored = driver.storedTicket(request.ticketId());
        assertThat(stored.getString("status")).isEqualTo("QUALIFIED");
        assertThat(stored.get("triage", Document.class).getList("reasons", Document.class)).isNotEmpty();
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getList("trackingTokenHashes", String.class)).containsExactly(TicketDriver.sha256(request.token()));
    }

    @Test
    void shouldApplyATriageResultThatArrivesBeforeItsRequest() {
        // given
        Request request = TicketDriver.newRequest();

        // when: triage overtakes the request
        driver.sendTriaged(request, 1, "LOW", false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicketOrNull(request.ticketId())).isNotNull());
        driver.sendReceived(request, false);

        // then
        driver.awaitStatus(request.token(), "QUALIFIED").jsonPath("$.level").isEqualTo(1);
        Records.await(brokers(), "ticket.queue-level-1.v1", about(request), 1);
    }

    @Test
    void shouldApplyARedeliveredEventOnlyOnce() {
        // given
        Request request = TicketDriver.newRequest();

        // when: both events are delivered twice, as after a consumer crash before its commit
        driver.sendReceived(request, true);
        driver.sendReceived(request, true);
        driver.sendTriaged(request, 3, "CRITICAL", true);
        driver.sendTriaged(request, 3, "CRITICAL", true);

        // then
        driver.awaitStatus(request.token(), "QUALIFIED").jsonPath("$.cyberUrgency").isEqualTo(true);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(driver.storedTicket(request.ticketId()).getList("processedEventIds", String.class)).hasSize(2));
        Document stored = driver.storedTicket(request.ticketId());
        assertThat(stored.getList("timeline", Document.class)).extracting(d -> d.getString("kind"))
                .containsExactly("PERSON_MESSAGE", "RECEIVED", "TRIAGED", "QUALIFIED");
        assertThat(Records.drain(brokers(), "ticket.queue-level-3.v1", about(request))).hasSize(1);
        assertThat(Records.drain(brokers(), LIFECYCLE, about(request))).extracting(r -> Records.header(r, "ce_type"))
                .filteredOn(type -> type.endsWith("-received.v1") || type.endsWith("-qualified.v1")).hasSize(2);
    }

    @Test
    void shouldJoinAFollowUpFromTheSamePersonToTheirOpenTicket() {
        // given: a WhatsApp sender (proven by the provider) with an open ticket
        Request first = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(first, false);
        driver.sendTriaged(first, 1, "NORMAL", false);
        driver.awaitStatus(first.token(), "QUALIFIED");
        Request followUp = first.nextFromSamePerson();

        // when: the same person writes again, and triage finds it more serious
        driver.sendReceived(followUp, false);
        driver.sendTriaged(followUp, 3, "HIGH", true);

        // then: one ticket, raised to level 3, followed with either tracking link
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(driver.storedTicket(first.ticketId()).getInteger("level")).isEqualTo(3));
        driver.awaitStatus(followUp.token(), "QUALIFIED").jsonPath("$.ticketId").isEqualTo(first.ticketId());
        assertThat(driver.storedTicketOrNull(followUp.ticketId())).isNull();
        Records.await(brokers(), "ticket.queue-level-3.v1", about(first), 1);
        assertThat(driver.storedTicket(first.ticketId()).getList("timeline", Document.class))
                .filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).extracting(d -> d.getString("requestRef"))
                .containsExactly(first.ticketId(), followUp.ticketId());
    }

    @Test
    void shouldNeverJoinNorShowAPersonsTicketToAWebRequestTypedWithTheirContact() {
        // given: Jeanne's WhatsApp conversation, open
        Request jeanne = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(jeanne, false);
        driver.sendTriaged(jeanne, 2, "NORMAL", false);
        driver.awaitStatus(jeanne.token(), "QUALIFIED");

        // when: anybody types Jeanne's number on the web form ("où en est ma demande")
        Request typed = jeanne.typedWithSameContact();
        driver.sendReceived(typed, false);
        driver.sendTriaged(typed, 1, "LOW", false);

        // then: it is a ticket of its own; its tracking link shows it alone, never Jeanne's
        driver.awaitStatus(typed.token(), "QUALIFIED")
                .jsonPath("$.ticketId").isEqualTo(typed.ticketId())
                .jsonPath("$.timeline[?(@.from == 'person')].label").value(words -> assertThat((List<?>) words).hasSize(1));
        Document jeannes = driver.storedTicket(jeanne.ticketId());
        assertThat(jeannes.getList("trackingTokenHashes", String.class)).containsExactly(TicketDriver.sha256(jeanne.token()));
        assertThat(jeannes.getList("timeline", Document.class)).filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).hasSize(1);
        // and the agents of both tickets are told it may be the same person
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(driver.storedTicket(typed.ticketId()).getList("possibleDuplicates", String.class)).containsExactly(jeanne.ticketId());
            assertThat(driver.storedTicket(jeanne.ticketId()).getList("possibleDuplicates", String.class)).containsExactly(typed.ticketId());
        });
    }

    @Test
    void shouldPutATextAndARedButtonSentTheSameSecondOnOneTicket() {
        // given: a WhatsApp text, then the red button from the same sender: the red button's urgency
        // comes through its own lane and may reach ticket-service before either request
        Request text = TicketDriver.newWhatsAppRequest();
        Request redButton = text.nextFromSamePerson();

        // when
        driver.sendUrgency(redButton, 1, "REMOTE_ACCESS_SCAM", "HANDED_TO_DELIVERY");
        driver.sendReceived(text, false);
        driver.sendReceived(redButton, true);

        // then: one ticket holds both messages, at level 3
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Document holder = driver.storedTicketOrNull(redButton.ticketId()) != null
                    && driver.storedTicketOrNull(redButton.ticketId()).getString("status") != null
                    ? driver.storedTicket(redButton.ticketId()) : driver.storedTicket(text.ticketId());
            assertThat(holder.getInteger("level")).isEqualTo(3);
            assertThat(holder.getList("timeline", Document.class)).filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).hasSize(2);
        });
        long visible = java.util.stream.Stream.of(text, redButton).map(r -> driver.storedTicketOrNull(r.ticketId()))
                .filter(d -> d != null && d.getString("status") != null).count();
        assertThat(visible).isEqualTo(1);
    }

    @Test
    void shouldPutARedButtonTicketAtTheHeadOfTheLevel3QueueWithItsInstructions() {
        // given: a red-button request, urgency-service acting before triage
        Request request = TicketDriver.newRequest();
        driver.sendReceived(request, true);

        // when
        driver.sendUrgency(request, 1, "REMOTE_ACCESS_SCAM", "HANDED_TO_DELIVERY");

        // then: level 3, marked, first instructions on the person's page
        driver.awaitStatus(request.token(), "QUALIFIED")
                .jsonPath("$.level").isEqualTo(3)
                .jsonPath("$.cyberUrgency").isEqualTo(true)
                .jsonPath("$.firstInstructions.lines").isNotEmpty();
        ConsumerRecord<String, byte[]> queued = Records.await(brokers(), "ticket.queue-level-3.v1", about(request), 1).get(0);
        assertThat(SealedRecords.open(queued, customerKeys).get("priority").asInt()).isEqualTo(100);
        Records.await(brokers(), LIFECYCLE, TicketDriver.ofType(request.ticketId(), "ticket-cyber-urgency-marked"), 1);
        Document stored = driver.storedTicket(request.ticketId());
        assertThat(stored.get("cyberUrgency", Document.class).getString("incidentType")).isEqualTo("REMOTE_ACCESS_SCAM");
        assertThat(stored.get("cyberUrgency", Document.class).getList("orientation", Document.class)).isNotEmpty();

        // and a triage result arriving after the red button changes nothing of that
        driver.sendTriaged(request, 2, "NORMAL", false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(driver.storedTicket(request.ticketId()).getList("processedEventIds", String.class)).hasSize(3));
        assertThat(driver.storedTicket(request.ticketId()).getInteger("level")).isEqualTo(3);
        assertThat(driver.storedTicket(request.ticketId()).getString("urgency")).isEqualTo("CRITICAL");
    }

    @Test
    void shouldOpenARedButtonTicketFromItsOwnLaneAndNotTwiceWhenTheRequestTopicBringsItLater() {
        // given: the red button's copy of a request, the ordinary request topic far behind
        Request request = TicketDriver.newRequest();
        driver.sendRedButton(request);

        // then: the person's tracking link works at once, and urgency-service's declaration puts it on level 3
        driver.awaitStatus(request.token(), "RECEIVED");
        driver.sendUrgency(request, 1, "CARD_FRAUD", "HANDED_TO_DELIVERY");
        driver.awaitStatus(request.token(), "QUALIFIED").jsonPath("$.level").isEqualTo(3).jsonPath("$.firstInstructions.lines").isNotEmpty();
        Records.await(brokers(), "ticket.queue-level-3.v1", about(request), 1);

        // when: the same request arrives on the request topic, then another of the person's requests behind it
        driver.sendReceived(request, true);
        Request next = request.nextFromSamePerson();
        driver.sendReceived(next, false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicketOrNull(next.ticketId())).isNotNull());

        // then: the ticket holds the person's message once, applied once
        Document stored = driver.storedTicket(request.ticketId());
        assertThat(stored.getList("timeline", Document.class).stream().filter(d -> "PERSON_MESSAGE".equals(d.getString("kind"))))
                .hasSize(1);
        assertThat(stored.getList("processedEventIds", String.class))
                .containsOnlyOnce("/numi/intake-service " + request.requestId())
                .noneMatch(id -> id.endsWith(":red-button"));
    }

    @Test
    void shouldApplyAnUrgencyThatArrivesBeforeItsRequestAndKeepTheLatestRevision() {
        // given: the declaration overtakes the request, and is delivered twice
        Request request = TicketDriver.newRequest();
        driver.sendUrgency(request, 1, "CARD_FRAUD", "FAILED");
        driver.sendUrgency(request, 1, "CARD_FRAUD", "FAILED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicketOrNull(request.ticketId())).isNotNull());

        // when
        driver.sendReceived(request, true);
        driver.awaitStatus(request.token(), "QUALIFIED").jsonPath("$.level").isEqualTo(3);
        driver.sendUrgency(request, 2, "TRANSFER_SCAM", "FAILED");

        // then: one urgency, at its latest revision, and the failed delivery is on the ticket for level 3
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                driver.storedTicket(request.ticketId()).get("cyberUrgency", Document.class).getString("incidentType")).isEqualTo("TRANSFER_SCAM"));
        Document stored = driver.storedTicket(request.ticketId());
        assertThat(stored.getList("timeline", Document.class)).extracting(d -> d.getString("kind"))
                .containsOnlyOnce("CYBER_URGENCY", "DELIVERY_FAILED").contains("CYBER_URGENCY_REVISED");
        assertThat(Records.drain(brokers(), "ticket.queue-level-3.v1", about(request))).hasSize(1);
    }

    @Test
    void shouldShowAgentsThatAMessageCouldNotReachThePerson() {
        // given
        Request request = driver.qualified(1);
        ObjectNode status = (ObjectNode) json.readTree(Contracts.example("intake.delivery-status.v1"));
        status.put("ticketId", request.ticketId()).put("customerId", request.customerId()).put("kind", "CYBER_INSTRUCTIONS")
                .put("outcome", "FAILED").put("reason", "WhatsApp: numéro injoignable").put("statusId", request.ticketId() + ":failed");

        // when: intake reports a failed delivery (twice, as a redelivery would)
        for (int i = 0; i < 2; i++) {
            Records.send(brokers(), "intake.delivery-status.v1", request.customerId(), request.ticketId() + ":failed",
                    "/numi/intake-service", "fr.numi.intake.delivery-status.v1", request.ticketId(), json.writeValueAsBytes(status));
        }

        // then: once on the agents' timeline, never on the person's
        Records.await(brokers(), LIFECYCLE, TicketDriver.ofType(request.ticketId(), "ticket-delivery-failed"), 1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicket(request.ticketId())
                .getList("processedEventIds", String.class)).hasSize(3));
        assertThat(driver.storedTicket(request.ticketId()).getList("timeline", Document.class))
                .filteredOn(d -> "DELIVERY_FAILED".equals(d.getString("kind"))).singleElement()
                .satisfies(d -> assertThat(d.getBoolean("visibleToPerson")).isFalse());
    }

    @Test
    void shouldReadTheContractExamples() {
        // given: the examples of contracts/ (the triage example qualifies the request example)
        String ticketId = json.readTree(Contracts.example(RECEIVED)).get("ticketId").asString();

        // when
        Records.send(brokers(), RECEIVED, "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", "example-received", "/numi/intake-service",
                "fr.numi.intake.request-received.v1", ticketId, Contracts.example(RECEIVED));
        Records.send(brokers(), TRIAGED, "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", "example-triaged", "/numi/triage-service",
                "fr.numi.triage.request-triaged.v1", ticketId, Contracts.example(TRIAGED));

        // then
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(driver.storedTicket(ticketId).getString("status")).isEqualTo("QUALIFIED"));
        assertThat(driver.storedTicket(ticketId).getString("category")).isEqualTo("printing");
    }

    @Test
    void shouldSendAnUnreadableRecordToTheDeadLetterTopicWithTheReason() {
        // given
        String marker = "broken-" + ThreadLocalRandom.current().nextInt(1_000_000);

        // when
        Records.send(brokers(), RECEIVED, "cus_00000000000000000000000000000000", marker, "/numi/intake-service",
                "fr.numi.intake.request-received.v1", "NUMI-0000-0000", "{not json".getBytes(StandardCharsets.UTF_8));

        // then
        ConsumerRecord<String, byte[]> dead = Records.await(brokers(), "intake.request-received.v1.ticket-service.dlq",
                r -> marker.equals(Records.header(r, "ce_id")), 1).get(0);
        assertThat(Records.header(dead, "x-exception-message")).contains("unreadable");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    @Test
    void shouldAnswer404ProblemWithNoHintForAnUnknownToken() {
        for (String token : List.of("A".repeat(43), "not-a-token")) {
            driver.http().get().uri("/api/v1/tracking/{token}", token).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://numi.fr/problems/tracking-not-found")
                    .jsonPath("$.ticketId").doesNotExist();
        }
    }
}
