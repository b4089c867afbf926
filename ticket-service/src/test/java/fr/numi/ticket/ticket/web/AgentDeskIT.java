package fr.numi.ticket.ticket.web;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.testing.Records;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import static fr.numi.ticket.support.TicketDriver.LIFECYCLE;
import static fr.numi.ticket.support.TicketDriver.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agents' desk and the person's live view, over HTTP, on the real broker and Mongo-wire server. */
@TicketIntegrationTest
class AgentDeskIT {

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
    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;

    static final String PADAWAN = TestTokens.agent("alice", "AGENT_L1");
    static final String PADAWAN_2 = TestTokens.agent("bob", "AGENT_L1");
    static final String JEDI = TestTokens.agent("jedi", "AGENT_L2");
    static final String MASTER = TestTokens.agent("yoda", "AGENT_L3");
    static final String SUPERVISOR = TestTokens.agent("sup", "SUPERVISOR");

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
        http = driver.http();
    }

    @Test
    void shouldWorkATicketFromClaimToResolutionAndTellThePersonAtEachStep() {
        // given
        Request request = driver.qualified(1);

        // when
        post(PADAWAN, request, "claim", null).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.assignee").isEqualTo("alice");
        post(PADAWAN, request, "replies", Map.of("text", "Bonjour, débranchez l'imprimante 10 secondes puis rebranchez-la."))
                .expectStatus().isOk();
        post(PADAWAN, request, "notes", Map.of("text", "Imprimante HP, voyant orange")).expectStatus().isOk();
        post(PADAWAN, request, "resolve", Map.of("text", "Imprimante redémarrée")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RESOLVED");

        // then: the person sees the steps, not the internal note
        driver.awaitStatus(request.token(), "RESOLVED")
                .jsonPath("$.timeline[*].label").value(labels -> assertThat(labels.toString())
                        .contains("Un conseiller a pris en charge votre demande", "débranchez l'imprimante")
                        .doesNotContain("voyant orange"));

        // and was told on their channel
        List<ConsumerRecord<String, byte[]>> notes = Records.await(brokers, "ticket.notification-requested.v1",
                TicketDriver.about(request), 5);
        assertThat(notes).extracting(r -> SealedRecords.open(r, customerKeys).get("kind").asString())
                .containsExactly("TICKET_RECEIVED", "TICKET_QUALIFIED", "TICKET_CLAIMED", "AGENT_REPLY", "TICKET_RESOLVED");

        // and the resolution was at first contact, derived from the history
        ConsumerRecord<String, byte[]> resolved = Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-resolved"), 1).get(0);
        assertThat(Contracts.bodyViolations(LIFECYCLE, resolved.value())).isEmpty();
        assertThat(Contracts.headerViolations(LIFECYCLE, Records.rawHeaders(resolved))).isEmpty();
        assertThat(SealedRecords.open(resolved, customerKeys).get("firstContactResolution").asBoolean()).isTrue();
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-note-added"), 1);
    }

    @Test
    void shouldShowTheAgentWhatThePersonWroteTheirNameAndHowToReachThem() {
        // given: a WhatsApp message, then a follow-up from the same sender
        Request first = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(first, false);
        driver.sendTriaged(first, 2, "NORMAL", false);
        driver.awaitStatus(first.token(), "QUALIFIED");
        driver.sendReceived(first.nextFromSamePerson(), false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicket(first.ticketId())
                .getList("timeline", org.bson.Document.class)).filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).hasSize(2));

        // when
        var view = http.get().uri("/api/v1/agent/tickets/{id}", first.ticketId()).headers(h -> h.setBearerAuth(JEDI)).exchange()
                .expectStatus().isOk().expectBody();

        // then: the person's words in order, their name and number, and how an answer reaches them
        view.jsonPath("$.person.name").isEqualTo("Jeanne Martin")
                .jsonPath("$.person.contacts[0].value").isEqualTo(first.contactValue())
                .jsonPath("$.person.contacts[0].proven").isEqualTo(true)
                .jsonPath("$.person.replyRoute").isEqualTo("WHATSAPP")
                .jsonPath("$.conversation[?(@.kind == 'PERSON_MESSAGE')].text").value(texts -> assertThat(texts.toString())
                        .contains("mon imprimante n'imprime plus depuis hier"))
                .jsonPath("$.conversation[?(@.kind == 'PERSON_MESSAGE')].requestRef").value(refs -> assertThat((List<?>) refs).hasSize(2));
    }

    @Test
    void shouldRefuseToAnswerACallerOnALandlineAndSayWhoToCallBack() {
        // given: a missed call from a landline (no SMS possible)
        Request call = TicketDriver.newWhatsAppRequest();
        Request landline = new Request(call.ticketId(), "cti:pbx:" + call.requestId(), call.customerId(), call.token(), "PHONE", "PHONE",
                "+33145678910", true, List.of());
        driver.sendReceived(landline, false);
        driver.sendTriaged(landline, 1, "NORMAL", false);
        driver.awaitStatus(landline.token(), "QUALIFIED");
        post(PADAWAN, landline, "claim", null).expectStatus().isOk()
                .expectBody().jsonPath("$.person.replyRoute").doesNotExist().jsonPath("$.person.callBack").isEqualTo("+33145678910");

        // when / then
        post(PADAWAN, landline, "replies", Map.of("text", "Bonjour")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/no-written-channel")
                .jsonPath("$.callBack").isEqualTo("+33145678910");
    }

    @Test
    void shouldAnswerBySmsOnceThePersonProvesTheNumberTheyTyped() {
        // given: a number typed on the web form: answers go to the tracking page only
        Request typed = TicketDriver.newRequest();
        Request withNumber = new Request(typed.ticketId(), typed.requestId(), typed.customerId(), typed.token(), "WEB", "PHONE",
                "+33698765432", false, List.of("TRACKING_PAGE"));
        driver.sendReceived(withNumber, false);
        driver.sendTriaged(withNumber, 1, "NORMAL", false);
        driver.awaitStatus(withNumber.token(), "QUALIFIED").jsonPath("$.contactToVerify").isEqualTo("+336••••••32");
        post(PADAWAN, withNumber, "claim", null).expectStatus().isOk().expectBody().jsonPath("$.person.replyRoute").isEqualTo("TRACKING_PAGE");

        // when: the person enters the code sent to that number
        driver.sendContactVerified(withNumber, List.of("SMS", "TRACKING_PAGE"));

        // then: the agent's answer goes by SMS, and the page no longer offers to verify
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/api/v1/agent/tickets/{id}", withNumber.ticketId())
                .headers(h -> h.setBearerAuth(PADAWAN)).exchange().expectBody()
                .jsonPath("$.person.replyRoute").isEqualTo("SMS").jsonPath("$.person.contacts[0].proven").isEqualTo(true));
        post(PADAWAN, withNumber, "replies", Map.of("text", "Bonjour, redémarrez la box.")).expectStatus().isOk();
        ConsumerRecord<String, byte[]> reply = Records.await(brokers, "ticket.notification-requested.v1",
                r -> TicketDriver.about(withNumber).test(r) && new String(r.value()).contains("AGENT_REPLY"), 1).get(0);
        assertThat(SealedRecords.open(reply, customerKeys).get("recipient").get("route").asString()).isEqualTo("SMS");
        assertThat(SealedRecords.open(reply, customerKeys).get("recipient").get("contact").get("value").asString()).isEqualTo("+33698765432");
        assertThat(Contracts.bodyViolations("ticket.notification-requested.v1", reply.value())).isEmpty();
        driver.awaitStatus(withNumber.token(), "IN_PROGRESS").jsonPath("$.contactToVerify").doesNotExist();
    }

    @Test
    void shouldMergeAPossibleDuplicateIntoThePersonsConversationWithoutShowingItToTheTypedLink() {
        // given: Jeanne's WhatsApp conversation and a web request typed with her number
        Request jeanne = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(jeanne, false);
        driver.sendTriaged(jeanne, 2, "NORMAL", false);
        driver.awaitStatus(jeanne.token(), "QUALIFIED");
        Request typed = jeanne.typedWithSameContact();
        driver.sendReceived(typed, false);
        driver.sendTriaged(typed, 1, "LOW", false);
        driver.awaitStatus(typed.token(), "QUALIFIED");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicket(jeanne.ticketId())
                .getList("possibleDuplicates", String.class)).containsExactly(typed.ticketId()));

        // when: the agent sees it is her and merges
        post(JEDI, jeanne, "merge", Map.of("ticketId", typed.ticketId())).expectStatus().isOk()
                .expectBody().jsonPath("$.possibleDuplicates").isEmpty()
                .jsonPath("$.conversation[?(@.kind == 'PERSON_MESSAGE')].requestRef").value(refs -> assertThat((List<Object>) refs)
                        .containsExactlyInAnyOrder(jeanne.ticketId(), typed.ticketId()));

        // then: the typed link shows its own request, regrouped, never Jeanne's conversation
        driver.awaitStatus(typed.token(), "MERGED").jsonPath("$.ticketId").isEqualTo(typed.ticketId())
                .jsonPath("$.timeline[?(@.from == 'person')].label").value(words -> assertThat((List<?>) words).hasSize(1));
        Records.await(brokers, LIFECYCLE, ofType(typed.ticketId(), "ticket-merged"), 1);
        // and a late event about the typed request goes to Jeanne's ticket
        post(JEDI, jeanne, "merge", Map.of("ticketId", typed.ticketId())).expectStatus().isOk();
        post(JEDI, jeanne, "merge", Map.of("ticketId", jeanne.ticketId())).expectStatus().isBadRequest();
    }

    @Test
    void shouldSplitAMessageAboutSomethingElseIntoATicketOfItsOwnThatItsLinkShows() {
        // given: two messages of one WhatsApp sender, the second about something else
        Request first = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(first, false);
        driver.sendTriaged(first, 2, "NORMAL", false);
        driver.awaitStatus(first.token(), "QUALIFIED");
        Request second = first.nextFromSamePerson();
        driver.sendReceived(second, false);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(driver.storedTicket(first.ticketId())
                .getList("timeline", org.bson.Document.class)).filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).hasSize(2));

        // when
        post(JEDI, first, "split", Map.of("messageId", second.requestId(), "level", 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.ticketId").isEqualTo(second.ticketId()).jsonPath("$.level").isEqualTo(1)
                .jsonPath("$.status").isEqualTo("QUALIFIED");

        // then: the second message's link shows its own ticket, the first ticket keeps one message
        driver.awaitStatus(second.token(), "QUALIFIED").jsonPath("$.ticketId").isEqualTo(second.ticketId());
        driver.awaitStatus(first.token(), "QUALIFIED").jsonPath("$.ticketId").isEqualTo(first.ticketId());
        assertThat(driver.storedTicket(first.ticketId()).getList("timeline", org.bson.Document.class))
                .filteredOn(d -> "PERSON_MESSAGE".equals(d.getString("kind"))).hasSize(1);
        Records.await(brokers, "ticket.queue-level-1.v1", TicketDriver.about(second), 1);
        // the message that opened a ticket cannot be split out
        post(JEDI, first, "split", Map.of("messageId", first.requestId())).expectStatus().isBadRequest();
    }

    @Test
    void shouldReopenWhenThePersonWritesWithinAWeekOfResolutionAndOpenALinkedTicketAfter() {
        // given: a WhatsApp ticket resolved at first contact
        Request first = TicketDriver.newWhatsAppRequest();
        driver.sendReceived(first, false);
        driver.sendTriaged(first, 1, "NORMAL", false);
        driver.awaitStatus(first.token(), "QUALIFIED");
        post(PADAWAN, first, "claim", null).expectStatus().isOk();
        post(PADAWAN, first, "resolve", Map.of("text", "Réglé")).expectStatus().isOk();

        // when: the person writes again three days later
        clock.advance(Duration.ofDays(3));
        Request again = first.nextFromSamePerson();
        driver.sendReceived(again, false);

        // then: the ticket reopens (voiding first-contact resolution in the KPIs), back on its queue
        driver.awaitStatus(first.token(), "REOPENED");
        ConsumerRecord<String, byte[]> reopened = Records.await(brokers, LIFECYCLE, ofType(first.ticketId(), "ticket-reopened"), 1).get(0);
        assertThat(SealedRecords.open(reopened, customerKeys).get("reason").asString()).isEqualTo("PERSON_MESSAGE");
        assertThat(Contracts.bodyViolations(LIFECYCLE, reopened.value())).isEmpty();

        // and when it is resolved and closed, a message more than a week later opens a new ticket that links it
        post(PADAWAN, first, "claim", null).expectStatus().isOk();
        post(PADAWAN, first, "resolve", Map.of()).expectStatus().isOk();
        post(PADAWAN, first, "close", null).expectStatus().isOk();
        clock.advance(Duration.ofDays(8));
        Request later = first.nextFromSamePerson();
        driver.sendReceived(later, false);
        driver.sendTriaged(later, 2, "NORMAL", false);
        driver.awaitStatus(later.token(), "QUALIFIED").jsonPath("$.ticketId").isEqualTo(later.ticketId());
        http.get().uri("/api/v1/agent/tickets/{id}", later.ticketId()).headers(h -> h.setBearerAuth(JEDI)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.linkedTicketId").isEqualTo(first.ticketId());
    }

    @Test
    void shouldPutASuspectedCyberCaseAheadOnLevel3AndLetAnAgentCorrectTriage() {
        // given: triage suspects a scam without being sure
        Request request = TicketDriver.newRequest();
        driver.sendReceived(request, false);
        driver.sendTriaged(request, 3, "HIGH", false, "SUSPECTED", true);
        driver.awaitStatus(request.token(), "QUALIFIED").jsonPath("$.cyberUrgency").isEqualTo(false);

        // then: level 3, ahead of ordinary tickets, no alarm for the person, on the agents' review list
        ConsumerRecord<String, byte[]> queued = Records.await(brokers, "ticket.queue-level-3.v1", TicketDriver.about(request), 1).get(0);
        assertThat(SealedRecords.open(queued, customerKeys).get("priority").asInt()).isEqualTo(95);
        http.get().uri("/api/v1/agent/review").headers(h -> h.setBearerAuth(MASTER)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.ticketId == '" + request.ticketId() + "')].cyberSuspected").value(v -> assertThat((List<Object>) v).containsExactly(true));

        // when: a level-3 agent rules it out and sends it to level 2 (printer, not scam), choosing among the hotline's
        // categories (a word of their own would teach triage a category of one)
        http.get().uri("/api/v1/agent/categories").headers(h -> h.setBearerAuth(MASTER)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == 'printing')].label").value(v -> assertThat((List<Object>) v).containsExactly("Impression"));
        post(MASTER, request, "triage", Map.of("level", 2, "category", "imprimante", "cyberTier", "NONE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("imprimante", "printing"));
        post(MASTER, request, "triage", Map.of("level", 2, "category", "printing", "cyberTier", "NONE")).expectStatus().isOk()
                .expectBody().jsonPath("$.level").isEqualTo(2).jsonPath("$.cyberSuspected").isEqualTo(false)
                .jsonPath("$.needsReview").isEqualTo(false)
                .jsonPath("$.category").isEqualTo("printing").jsonPath("$.categoryLabel").isEqualTo("Impression");

        // then: the correction is labelled data for triage, as the contract says; the ticket waits on level 2
        ConsumerRecord<String, byte[]> corrected = Records.await(brokers, "ticket.triage-corrected.v1", TicketDriver.about(request), 1).get(0);
        assertThat(Contracts.bodyViolations("ticket.triage-corrected.v1", corrected.value())).isEmpty();
        assertThat(Contracts.headerViolations("ticket.triage-corrected.v1", Records.rawHeaders(corrected))).isEmpty();
        JsonNode body = SealedRecords.open(corrected, customerKeys);
        assertThat(body.get("before").get("cyberTier").asString()).isEqualTo("SUSPECTED");
        assertThat(body.get("after").get("level").asInt()).isEqualTo(2);
        assertThat(body.get("requestIds").get(0).asString()).isEqualTo(request.requestId());
        Records.await(brokers, "ticket.queue-level-2.v1", TicketDriver.about(request), 1);
        http.get().uri("/api/v1/agent/queues/2").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.ticketId == '" + request.ticketId() + "')].categoryLabel").value(v -> assertThat((List<Object>) v).containsExactly("Impression"));
        // a level-1 agent cannot send a ticket above their level
        post(PADAWAN, request, "triage", Map.of("level", 3, "cyberTier", "EMERGENCY")).expectStatus().isForbidden();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowAgentsWhereThePromisedFirstAnswerStands() {
        // given: a level-1 request nobody answered yet (the hotline promises a first answer within 2 h)
        Request request = driver.qualified(1);
        Records.await(brokers, "ticket.queue-level-1.v1", TicketDriver.about(request), 1);
        assertThat(firstResponseInQueue(request)).isEqualTo("ON_TIME");

        // when: 1 h 40 min went by (past three quarters of the promise)
        clock.advance(Duration.ofMinutes(100));
        // then: it is due soon
        assertThat(firstResponseInQueue(request)).isEqualTo("DUE_SOON");

        // when: 2 h 1 min went by
        clock.advance(Duration.ofMinutes(21));
        // then: late, in the queue and in the ticket
        assertThat(firstResponseInQueue(request)).isEqualTo("LATE");
        post(PADAWAN, request, "claim", null).expectStatus().isOk().expectBody().jsonPath("$.firstResponse").isEqualTo("LATE");

        // and once the person has an answer, nothing is pending
        post(PADAWAN, request, "replies", Map.of("text", "Bonjour, je regarde votre demande.")).expectStatus().isOk()
                .expectBody().jsonPath("$.firstResponse").doesNotExist().jsonPath("$.firstResponseDueAt").doesNotExist();
    }

    /** The queue line's first-response state of the request's ticket. */
    @SuppressWarnings("unchecked")
    private String firstResponseInQueue(Request request) {
        List<Object>[] found = new List[1];
        http.get().uri("/api/v1/agent/queues/1?limit=1000").headers(h -> h.setBearerAuth(PADAWAN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.ticketId == '" + request.ticketId() + "')].firstResponse").value(v -> found[0] = (List<Object>) v);
        assertThat(found[0]).hasSize(1);
        return (String) found[0].get(0);
    }

    @Autowired
    fr.numi.ticket.ticket.application.CloseUnansweredResolutions closeUnanswered;

    @Test
    void shouldCloseAResolutionNobodyAnsweredAfterAWeekAndShowTheAgentTheRatingAndComment() {
        // given: resolved, nobody answers « Est-ce réglé ? »
        Request request = driver.qualified(1);
        post(PADAWAN, request, "claim", null).expectStatus().isOk();
        post(PADAWAN, request, "resolve", Map.of()).expectStatus().isOk();

        // when: a week goes by
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        closeUnanswered.run();

        // then
        driver.awaitStatus(request.token(), "CLOSED");
        ConsumerRecord<String, byte[]> closed = Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-closed"), 1).get(0);
        assertThat(SealedRecords.open(closed, customerKeys).get("reason").asString()).isEqualTo("NO_ANSWER");

        // and when the person then rates it with a comment (the survey came on closing)
        Records.send(brokers, "intake.feedback-received.v1", request.ticketId(), "web-feedback-" + request.ticketId(), "/numi/intake-service",
                "fr.numi.intake.feedback-received.v1", request.ticketId(), ("{\"feedbackId\":\"web-feedback-" + request.ticketId()
                        + "\",\"ticketId\":\"" + request.ticketId() + "\",\"customerId\":\"" + request.customerId()
                        + "\",\"channel\":\"WEB\",\"rating\":2,\"comment\":\"Trop long à obtenir une réponse\",\"receivedAt\":\""
                        + clock.instant() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // then the agents read the note and the comment
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/api/v1/agent/tickets/{id}", request.ticketId())
                .headers(h -> h.setBearerAuth(PADAWAN)).exchange().expectBody()
                .jsonPath("$.conversation[?(@.kind == 'FEEDBACK')].text").value(texts -> assertThat((List<?>) texts).singleElement()
                        .asString().contains("2/5").contains("Trop long à obtenir une réponse")));
    }

    @Test
    void shouldCloseWhenThePersonConfirmsOnTheTrackingPageThatItIsSolved() {
        // given
        Request request = driver.qualified(1);
        post(PADAWAN, request, "claim", null).expectStatus().isOk();
        post(PADAWAN, request, "resolve", Map.of("text", "Imprimante redémarrée")).expectStatus().isOk()
                .expectBody().jsonPath("$.resolutionCheckPending").isEqualTo(true);
        driver.awaitStatus(request.token(), "RESOLVED").jsonPath("$.resolutionCheck").isEqualTo(true);

        // when
        http.post().uri("/api/v1/tracking/{token}/resolution", request.token()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("solved", true)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.resolutionCheck").isEqualTo(false);

        // then: a second answer is refused, and a bad token learns nothing
        http.post().uri("/api/v1/tracking/{token}/resolution", request.token()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("solved", false)).exchange().expectStatus().isEqualTo(409);
        http.post().uri("/api/v1/tracking/{token}/resolution", "x".repeat(43)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("solved", true)).exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/tracking/{token}/resolution", request.token()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isBadRequest();
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-closed"), 1);
    }

    @Test
    void shouldAnswer409WithTheCurrentStatusForAnIllegalTransition() {
        Request request = driver.qualified(1);

        post(PADAWAN, request, "resolve", Map.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentStatus").isEqualTo("QUALIFIED");
    }

    @Test
    void shouldRefuseAnAnswerFromAnAgentWhoDoesNotHoldTheTicket() {
        Request request = driver.qualified(1);
        post(PADAWAN, request, "claim", null).expectStatus().isOk();

        post(PADAWAN_2, request, "replies", Map.of("text", "Bonjour")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/not-assigned");
    }

    @Test
    void shouldGiveATicketToExactlyOneOfManyAgentsClaimingAtOnce() throws Exception {
        // given
        Request request = driver.qualified(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String token = TestTokens.agent("agent-" + i, "AGENT_L2");
            claims.add(() -> http.post().uri("/api/v1/agent/tickets/{id}/claim", request.ticketId())
                    .headers(h -> h.setBearerAuth(token)).exchange().returnResult(String.class).getStatus().value());
        }

        // when
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(claims)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        // then
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(Records.drain(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-claimed"))).hasSize(1);
    }

    @Test
    void shouldServeTheMostUrgentTicketOfTheQueueFirst() {
        // given: an empty level-2 queue, then a normal and a high-urgency ticket
        while (http.post().uri("/api/v1/agent/queues/2/claim").headers(h -> h.setBearerAuth(SUPERVISOR)).exchange()
                .returnResult(String.class).getStatus().value() == 200) {
            // drain what earlier tests left
        }
        Request normal = driver.qualified(2);
        Request high = TicketDriver.newRequest();
        driver.sendReceived(high, false);
        driver.sendTriaged(high, 2, "HIGH", false);
        driver.awaitStatus(high.token(), "QUALIFIED");
        Request later = driver.qualified(2);

        // when / then: the most urgent first, then the longest waiting
        http.get().uri("/api/v1/agent/queues/2").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Total-Count", "3")
                .expectBody().jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].ticketId").isEqualTo(high.ticketId()).jsonPath("$[1].ticketId").isEqualTo(normal.ticketId())
                .jsonPath("$[2].ticketId").isEqualTo(later.ticketId());
        // and: a long queue shows its head, and says how many wait in all
        http.get().uri("/api/v1/agent/queues/2?limit=2").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Total-Count", "3")
                .expectBody().jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].ticketId").isEqualTo(high.ticketId()).jsonPath("$[1].ticketId").isEqualTo(normal.ticketId());
        http.get().uri("/api/v1/agent/queues/2?limit=0").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        http.post().uri("/api/v1/agent/queues/2/claim").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ticketId").isEqualTo(high.ticketId()).jsonPath("$.assignee").isEqualTo("jedi");
        http.post().uri("/api/v1/agent/queues/2/claim").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ticketId").isEqualTo(normal.ticketId());
        http.post().uri("/api/v1/agent/queues/2/claim").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.ticketId").isEqualTo(later.ticketId());
        http.get().uri("/api/v1/agent/queues/2").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Total-Count", "0").expectBody().jsonPath("$.length()").isEqualTo(0);
        http.post().uri("/api/v1/agent/queues/2/claim").headers(h -> h.setBearerAuth(JEDI)).exchange().expectStatus().isNoContent();
    }

    @Test
    void shouldRequeueOnTheHigherLevelWhenEscalated() {
        // given
        Request request = driver.qualified(1);
        post(PADAWAN, request, "claim", null).expectStatus().isOk();

        // when
        post(PADAWAN, request, "escalations", Map.of("level", 2, "reason", "Compte de messagerie piraté ?")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("QUALIFIED").jsonPath("$.level").isEqualTo(2);

        // then: on the level-2 queue, out of the padawan's reach, workable by a jedi
        Records.await(brokers, "ticket.queue-level-2.v1", TicketDriver.about(request), 1);
        ConsumerRecord<String, byte[]> escalated = Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-escalated"), 1).get(0);
        JsonNode body = SealedRecords.open(escalated, customerKeys);
        assertThat(body.get("fromLevel").asInt()).isEqualTo(1);
        assertThat(body.get("reason").asString()).isEqualTo("Compte de messagerie piraté ?");
        get(PADAWAN, request.ticketId()).expectStatus().isNotFound();
        post(JEDI, request, "claim", null).expectStatus().isOk();
    }

    @Test
    void shouldLetEachRoleSeeOnlyTicketsUpToItsLevel() {
        // given
        Request[] tickets = {driver.qualified(1), driver.qualified(2), driver.qualified(3)};
        Map<String, Integer> levelOf = Map.of(PADAWAN, 1, JEDI, 2, MASTER, 3, SUPERVISOR, 3);

        // when / then: the role × level matrix; above the agent's level it is "not found", whether it exists or not
        levelOf.forEach((token, agentLevel) -> {
            for (int level = 1; level <= 3; level++) {
                var response = get(token, tickets[level - 1].ticketId());
                if (level <= agentLevel) {
                    response.expectStatus().isOk();
                } else {
                    response.expectStatus().isNotFound().expectBody().jsonPath("$.level").doesNotExist();
                }
                var queue = http.get().uri("/api/v1/agent/queues/{level}", level).headers(h -> h.setBearerAuth(token)).exchange();
                if (level <= agentLevel) {
                    queue.expectStatus().isOk();
                } else {
                    queue.expectStatus().isForbidden();
                }
            }
        });
        post(PADAWAN, tickets[2], "notes", Map.of("text", "curieux")).expectStatus().isNotFound();
        get(SUPERVISOR, "NUMI-ZZZZ-ZZZZ").expectStatus().isNotFound();
    }

    @Test
    void shouldRefuseMissingForgedExpiredAndRolelessTokens() {
        Request request = driver.qualified(1);
        String forged = TestTokens.sign("another-secret-that-is-long-enough-0123456789", "mallory", List.of("SUPERVISOR"),
                Instant.now().plusSeconds(600));
        String expired = TestTokens.sign(TestTokens.SECRET, "alice", List.of("AGENT_L1"), Instant.now().minusSeconds(600));
        String roleless = TestTokens.sign(TestTokens.SECRET, "visitor", List.of(), Instant.now().plusSeconds(600));

        http.get().uri("/api/v1/agent/tickets/{id}", request.ticketId()).header("Connection", "close").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get(forged, request.ticketId()).expectStatus().isUnauthorized();
        get(expired, request.ticketId()).expectStatus().isUnauthorized();
        get(roleless, request.ticketId()).expectStatus().isForbidden();
        get(TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L1"), Instant.now().plusSeconds(600)).issuer("https://elsewhere.example")
                .build(), TestTokens.SECRET), request.ticketId()).expectStatus().isUnauthorized();
        get(TestTokens.sign(TestTokens.claims("alice", List.of("AGENT_L1"), Instant.now().plusSeconds(600)).audience("another-app")
                .build(), TestTokens.SECRET), request.ticketId()).expectStatus().isUnauthorized();
    }

    @Test
    void shouldRefuseAnInvalidBodyWithTheFieldAtFault() {
        Request request = driver.qualified(1);
        post(PADAWAN, request, "claim", null).expectStatus().isOk();

        post(PADAWAN, request, "replies", Map.of("text", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        post(PADAWAN, request, "escalations", Map.of("level", 7, "reason", "x")).expectStatus().isBadRequest();
    }

    @Test
    void shouldStreamEveryChangeToThePersonLive() {
        // given
        Request request = driver.qualified(1);
        Flux<ServerSentEvent<JsonNode>> stream = http.get().uri("/api/v1/tracking/{token}/events", request.token())
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {})
                .getResponseBody()
                .filter(e -> "ticket".equals(e.event()));

        // when / then: the current state at once, then each change
        StepVerifier.create(stream.map(e -> e.data().get("status").asString()))
                .expectNext("QUALIFIED")
                .then(() -> post(PADAWAN, request, "claim", null).expectStatus().isOk())
                .expectNext("IN_PROGRESS")
                .then(() -> post(PADAWAN, request, "wait", Map.of("text", "Quel est le modèle ?")).expectStatus().isOk())
                .expectNext("WAITING_FOR_PERSON")
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void shouldWarnAt75PercentAndBreachWhenTheFirstResponseIsLate() {
        // given: a normal request received now (target 2 h)
        Request request = driver.qualified(1);

        // when: an hour and a half passes with no answer
        clock.advance(Duration.ofMinutes(91));

        // then: the warning comes within seconds, not the breach
        Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-warning"), 1);
        assertThat(Records.drain(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-breached"))).isEmpty();

        // when: the 2 hours are over
        clock.advance(Duration.ofMinutes(30));

        // then
        ConsumerRecord<String, byte[]> breach = Records.await(brokers, LIFECYCLE, ofType(request.ticketId(), "ticket-sla-breached"), 1).get(0);
        assertThat(Contracts.bodyViolations(LIFECYCLE, breach.value())).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(driver.storedTicket(request.ticketId()).get("slaDeadline")).isNull());
    }

    private WebTestClient.ResponseSpec post(String token, Request request, String action, Object body) {
        var spec = http.post().uri("/api/v1/agent/tickets/{id}/" + action, request.ticketId()).headers(h -> h.setBearerAuth(token));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Connection: close: reactor-netty #4361 can stall a kept-alive connection after an error answer. */
    private WebTestClient.ResponseSpec get(String token, String ticketId) {
        return http.get().uri("/api/v1/agent/tickets/{id}", ticketId).headers(h -> h.setBearerAuth(token)).header("Connection", "close")
                .exchange();
    }
}
