package fr.numi.intake.privacy.web;

import static fr.numi.contracts.testing.ProblemAnswers.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.MongoWireServer;
import fr.numi.intake.support.TopicReader;
import fr.numi.intake.support.TopicWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST /api/v1/privacy/erasures} (issue 14, item 2; ADR 11) on a real broker and the Mongo-wire server: the
 * person's key and intake's data at rest gone, the anonymous reservation of their ticket reference kept, the erasure
 * COMPLETED once every expected service answered; an unknown person answered alike; asked twice, one erasure; an
 * erasure saved but never announced (a crash) announced by the relay; intake's part waiting out a MongoDB outage.
 */
@IntakeIntegrationTest
class ErasureIT {

    static final String DPO = "Bearer " + TestTokens.agent("dora", "DPO");
    static final String REQUESTED = "intake.erasure-requested.v1";
    static final String COMPLETED = "intake.erasure-completed.v1";
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    CustomerKeys keys;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    static String email() {
        return "erase-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static String customerIdOf(Contact contact) {
        return Digests.customerId(IntakeIntegrationTest.CUSTOMER_SECRET, contact);
    }

    /** A request on the web form, as the person: its ticket reference once intake has published it. */
    String writeAsThePerson(String email, String words) {
        String body = "{\"name\":\"Jeanne Martin\",\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email + "\"},\"description\":\"" + words + "\"}";
        byte[] answer = http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return JsonPath.read(new String(answer, StandardCharsets.UTF_8), "$.ticketId");
    }

    EntityExchangeResult<byte[]> erase(String body) {
        return http.post().uri("/api/v1/privacy/erasures").header("Authorization", DPO).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isAccepted().expectBody().returnResult();
    }

    String status(String location) {
        return new String(http.get().uri(location).header("Authorization", DPO).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody(), StandardCharsets.UTF_8);
    }

    long count(String collection, Criteria criteria) {
        return mongo.count(Query.query(criteria), collection).block(Duration.ofSeconds(5));
    }

    /** The first record on the topic that matches. */
    ConsumerRecord<String, byte[]> read(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(brokers, topic, match);
        return records.get(records.size() - 1);
    }

    static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Nested
    class AKnownPerson {

        @Test
        void shouldDeleteTheKeyAndIntakesDataKeepTheReferenceAndComplete() {
            // given: a person who wrote, with a message numi kept for them, an attachment and a call from their number
            String email = email();
            String customerId = customerIdOf(Contact.of(Contact.Kind.EMAIL, email));
            String ticketId = writeAsThePerson(email, "On m'a volé 900 euros avec un faux conseiller bancaire.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1
                    && count("tickets", Criteria.where("customerId").is(customerId)) == 1);
            assertThat(keys.find(customerId).blockOptional(Duration.ofSeconds(5))).as("the person's key").isPresent();
            mongo.save(new Document("_id", ticketId + ":notify:TICKET_CLAIMED:1").append("ticketId", ticketId).append("customerId", customerId)
                    .append("kind", "TICKET_CLAIMED").append("outcome", "OUTBOX").append("to", email).append("text", "Bonjour Jeanne")
                    .append("at", new Date()), "deliveries").block(Duration.ofSeconds(5));
            String attachmentId = "att_" + UUID.randomUUID().toString().replace("-", "");
            mongo.save(new Document("_id", attachmentId).append("ticketId", ticketId).append("customerId", customerId)
                    .append("filename", "releve.pdf").append("status", "KEPT"), "attachments").block(Duration.ofSeconds(5));
            mongo.save(new Document("_id", attachmentId).append("filename", attachmentId).append("length", 3L), "attachment_files.files")
                    .block(Duration.ofSeconds(5));
            mongo.save(new Document("_id", UUID.randomUUID().toString()).append("files_id", attachmentId).append("n", 0), "attachment_files.chunks")
                    .block(Duration.ofSeconds(5));
            String phone = "+3361" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
            String phoneCustomer = customerIdOf(Contact.of(Contact.Kind.PHONE, phone));
            String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
            mongo.save(new Document("_id", callSid).append("from", phone).append("speech", "mon compte est piraté"), "calls")
                    .block(Duration.ofSeconds(5));
            String otherCall = "CA" + UUID.randomUUID().toString().replace("-", "");
            mongo.save(new Document("_id", otherCall).append("from", "+33699999999").append("speech", "autre personne"), "calls")
                    .block(Duration.ofSeconds(5));

            // when: the DPO erases the person by their e-mail address
            EntityExchangeResult<byte[]> accepted = erase("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email.toUpperCase() + "\"}}");

            // then: 202, where to follow it, and it completes
            String location = accepted.getResponseHeaders().getLocation().toString();
            String erasureId = JsonPath.read(new String(accepted.getResponseBody(), StandardCharsets.UTF_8), "$.erasureId");
            assertThat(location).isEqualTo("/api/v1/privacy/erasures/" + erasureId);
            assertThat((String) JsonPath.read(new String(accepted.getResponseBody(), StandardCharsets.UTF_8), "$.customerId")).isEqualTo(customerId);
            await().atMost(WAIT).untilAsserted(() -> {
                String status = status(location);
                assertThat((String) JsonPath.read(status, "$.status")).isEqualTo("COMPLETED");
                assertThat((List<String>) JsonPath.read(status, "$.services[*].status")).containsOnly("COMPLETED");
                assertThat((String) JsonPath.read(status, "$.completedAt")).isNotBlank();
            });
            // the key is gone, and with it every sealed copy of their data on Kafka
            assertThat(keys.find(customerId).blockOptional(Duration.ofSeconds(5))).isEmpty();
            // intake's data at rest is gone
            assertThat(count("contacts", Criteria.where("_id").is(customerId))).isZero();
            assertThat(count("deliveries", Criteria.where("customerId").is(customerId))).isZero();
            assertThat(count("attachments", Criteria.where("_id").is(attachmentId))).isZero();
            assertThat(count("attachment_files.files", Criteria.where("_id").is(attachmentId))).isZero();
            assertThat(count("attachment_files.chunks", Criteria.where("files_id").is(attachmentId))).isZero();
            // the reference stays reserved, anonymous: no customer, contact or tracking token
            Document reference = mongo.findOne(Query.query(Criteria.where("_id").is(ticketId)), Document.class, "tickets")
                    .block(Duration.ofSeconds(5));
            assertThat(reference).isNotNull();
            assertThat(reference.getBoolean("erased")).isTrue();
            assertThat(reference.keySet()).doesNotContain("customerId", "contactValue", "trackingTokenHash");
            assertThat(reference.toJson()).doesNotContain(email);
            // the person's e-mail address is not a phone: their calls were another person's, kept
            assertThat(count("calls", Criteria.where("_id").is(otherCall))).isOne();
            assertThat(count("calls", Criteria.where("_id").is(callSid))).as("another customer's call").isOne();
            // the events: the request, and intake's answer with what it erased, both in their schema
            ConsumerRecord<String, byte[]> requested = read(REQUESTED, TopicReader.withId(erasureId));
            assertThat(requested.key()).isEqualTo(customerId);
            assertThat(Contracts.bodyViolations(REQUESTED, requested.value())).isEmpty();
            ConsumerRecord<String, byte[]> completed = read(COMPLETED,
                    TopicReader.withId(erasureId + ":intake-service"));
            assertThat(Contracts.bodyViolations(COMPLETED, completed.value())).isEmpty();
            assertThat((Integer) JsonPath.read(text(completed), "$.counts.contacts")).isEqualTo(1);
            assertThat((Integer) JsonPath.read(text(completed), "$.counts.attachments")).isEqualTo(1);
            assertThat((Integer) JsonPath.read(text(completed), "$.counts.deliveries")).isEqualTo(1);
            assertThat((Integer) JsonPath.read(text(completed), "$.counts.tickets")).isEqualTo(1);

            // and the caller erased by their customer id: their calls are gone, the other person's stay
            String byPhone = JsonPath.read(new String(erase("{\"customerId\":\"" + phoneCustomer + "\"}").getResponseBody(),
                    StandardCharsets.UTF_8), "$.erasureId");
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + byPhone), "$.status"))
                    .isEqualTo("COMPLETED"));
            assertThat(count("calls", Criteria.where("_id").is(callSid))).isZero();
            assertThat(count("calls", Criteria.where("_id").is(otherCall))).isOne();
        }

        @Test
        void shouldMakeAPersonWhoWritesAgainANewCustomerWithANewKeyAndANewErasure() {
            // given: a person erased
            String email = email();
            String customerId = customerIdOf(Contact.of(Contact.Kind.EMAIL, email));
            writeAsThePerson(email, "Mon imprimante ne marche plus.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);
            String first = JsonPath.read(new String(erase("{\"customerId\":\"" + customerId + "\"}").getResponseBody(), StandardCharsets.UTF_8),
                    "$.erasureId");
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + first), "$.status"))
                    .isEqualTo("COMPLETED"));

            // when: they write again
            writeAsThePerson(email, "Mon imprimante ne marche toujours pas.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);

            // then: a new key; erasing them again is a new erasure, which completes
            assertThat(keys.find(customerId).blockOptional(Duration.ofSeconds(5))).isPresent();
            String second = JsonPath.read(new String(erase("{\"customerId\":\"" + customerId + "\"}").getResponseBody(), StandardCharsets.UTF_8),
                    "$.erasureId");
            assertThat(second).isNotEqualTo(first);
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + second), "$.status"))
                    .isEqualTo("COMPLETED"));
            assertThat(count("contacts", Criteria.where("_id").is(customerId))).isZero();
        }
    }

    @Nested
    class AnUnknownPersonOrASecondRequest {

        @Test
        void shouldAnswerAnUnknownContactAsAKnownOneAndEraseNothing() {
            // given: a contact numi never saw
            String email = email();

            // when
            EntityExchangeResult<byte[]> accepted = erase("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"" + email + "\"}}");

            // then: the same 202 and shape, and it completes with nothing erased
            String body = new String(accepted.getResponseBody(), StandardCharsets.UTF_8);
            assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("PENDING");
            assertThat((List<String>) JsonPath.read(body, "$.services[*].service")).containsExactly("intake-service");
            String erasureId = JsonPath.read(body, "$.erasureId");
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + erasureId), "$.status"))
                    .isEqualTo("COMPLETED"));
            ConsumerRecord<String, byte[]> completed = read(COMPLETED,
                    TopicReader.withId(erasureId + ":intake-service"));
            assertThat((java.util.Map<String, Integer>) JsonPath.read(text(completed), "$.counts")).isNotEmpty().allSatisfy((k, v) -> assertThat(v).isZero());
        }

        @Test
        void shouldMakeOneErasureOfRequestsForOnePersonAtTheSameMoment() {
            // given: a person, and four DPO requests for them sent at once
            String email = email();
            String customerId = customerIdOf(Contact.of(Contact.Kind.EMAIL, email));
            org.springframework.web.reactive.function.client.WebClient client =
                    org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + port);

            // when
            List<String> ids = reactor.core.publisher.Flux.range(0, 4)
                    .flatMap(i -> client.post().uri("/api/v1/privacy/erasures").header("Authorization", DPO)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customerId\":\"" + customerId + "\"}")
                            .retrieve().bodyToMono(String.class), 4)
                    .map(body -> (String) JsonPath.read(body, "$.erasureId"))
                    .collectList().block(Duration.ofSeconds(30));

            // then: one erasure, announced once
            assertThat(ids).hasSize(4).containsOnly(ids.get(0));
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + ids.get(0)), "$.status"))
                    .isEqualTo("COMPLETED"));
            assertThat(count("erasures", Criteria.where("customerId").is(customerId))).isOne();
            // (announced by its request, and perhaps again by the relay on a slow machine: the same event, one ce_id)
            assertThat(TopicReader.drain(brokers, REQUESTED, r -> customerId.equals(r.key())))
                    .extracting(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).containsOnly(ids.get(0));
        }

        @Test
        void shouldAnswerTheSameErasureWhenAskedTwice() {
            // given
            String customerId = customerIdOf(Contact.of(Contact.Kind.PHONE, "+33 6 12 00 00 42"));
            EntityExchangeResult<byte[]> first = erase("{\"contact\":{\"kind\":\"PHONE\",\"value\":\"06 12 00 00 42\"}}");
            String erasureId = JsonPath.read(new String(first.getResponseBody(), StandardCharsets.UTF_8), "$.erasureId");

            // when: asked again, by the customer id, while running and once completed
            EntityExchangeResult<byte[]> again = erase("{\"customerId\":\"" + customerId + "\"}");
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + erasureId), "$.status"))
                    .isEqualTo("COMPLETED"));
            EntityExchangeResult<byte[]> afterwards = erase("{\"customerId\":\"" + customerId + "\"}");

            // then: one erasure, announced once
            assertThat(again.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
            assertThat(afterwards.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
            assertThat((String) JsonPath.read(new String(afterwards.getResponseBody(), StandardCharsets.UTF_8), "$.status")).isEqualTo("COMPLETED");
            assertThat(TopicReader.drain(brokers, REQUESTED, r -> customerId.equals(r.key()))).hasSize(1);
        }
    }

    @Nested
    class ACrashOrALateService {

        @Test
        void shouldAnnounceAnErasureSavedButNeverAnnounced() {
            // given: an erasure saved by an instance that died before deleting the key and announcing it
            String email = email();
            String customerId = customerIdOf(Contact.of(Contact.Kind.EMAIL, email));
            writeAsThePerson(email, "Mon ordinateur est très lent.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);
            String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
            mongo.save(new Document("_id", erasureId).append("customerId", customerId).append("requestedAt", new Date())
                    .append("services", List.of("intake-service")).append("done", new Document()).append("announced", false)
                    .append("announceAt", new Date(System.currentTimeMillis() - 1000)), "erasures").block(Duration.ofSeconds(5));

            // when / then: the relay of a living instance announces it, and it completes
            await().atMost(WAIT).untilAsserted(() -> assertThat((String) JsonPath.read(status("/api/v1/privacy/erasures/" + erasureId), "$.status"))
                    .isEqualTo("COMPLETED"));
            assertThat(keys.find(customerId).blockOptional(Duration.ofSeconds(5))).isEmpty();
            assertThat(count("contacts", Criteria.where("_id").is(customerId))).isZero();
            assertThat(TopicReader.drain(brokers, REQUESTED, TopicReader.withId(erasureId))).hasSize(1);
        }

        @Test
        void shouldStayPendingUntilEveryExpectedServiceAnsweredThenComplete() {
            // given: an erasure that also waits for ticket-service
            String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
            String customerId = "cus_" + UUID.randomUUID().toString().replace("-", "");
            mongo.save(new Document("_id", erasureId).append("customerId", customerId).append("requestedAt", new Date())
                    .append("services", List.of("intake-service", "ticket-service")).append("done", new Document()).append("announced", false)
                    .append("announceAt", new Date(System.currentTimeMillis() - 1000)), "erasures").block(Duration.ofSeconds(5));

            // when: intake has done its part
            await().atMost(WAIT).untilAsserted(() -> assertThat((List<String>) JsonPath.read(status("/api/v1/privacy/erasures/" + erasureId),
                    "$.services[?(@.service == 'intake-service')].status")).containsExactly("COMPLETED"));

            // then: still pending, ticket-service's part too
            String status = status("/api/v1/privacy/erasures/" + erasureId);
            assertThat((String) JsonPath.read(status, "$.status")).isEqualTo("PENDING");
            assertThat((List<String>) JsonPath.read(status, "$.services[?(@.service == 'ticket-service')].status")).containsExactly("PENDING");
            assertThat((Object) JsonPath.read(status, "$.completedAt")).isNull();

            // when: ticket-service answers on its topic (twice: a redelivery)
            byte[] answer = ("{\"erasureId\":\"" + erasureId + "\",\"customerId\":\"" + customerId + "\",\"service\":\"ticket-service\","
                    + "\"counts\":{\"tickets\":2},\"completedAt\":\"2026-12-02T09:30:05Z\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(Contracts.bodyViolations("ticket.erasure-completed.v1", answer)).isEmpty();
            for (int i = 0; i < 2; i++) {
                TopicWriter.send(brokers, "ticket.erasure-completed.v1", customerId, erasureId + ":ticket-service", "/numi/ticket-service",
                        "fr.numi.ticket.erasure-completed.v1", answer);
            }

            // then: completed, every part done
            await().atMost(WAIT).untilAsserted(() -> {
                String done = status("/api/v1/privacy/erasures/" + erasureId);
                assertThat((String) JsonPath.read(done, "$.status")).isEqualTo("COMPLETED");
                assertThat((List<String>) JsonPath.read(done, "$.services[*].status")).containsExactly("COMPLETED", "COMPLETED");
            });
        }

        @Test
        void shouldWaitOutAMongoDbOutageAndThenEraseIntakesPart() {
            // given: a person, and MongoDB cut as the erasure's event arrives
            String email = email();
            String customerId = customerIdOf(Contact.of(Contact.Kind.EMAIL, email));
            writeAsThePerson(email, "Ma boîte mail est piratée.");
            await().atMost(WAIT).until(() -> count("contacts", Criteria.where("_id").is(customerId)) == 1);
            String erasureId = "era_" + UUID.randomUUID().toString().replace("-", "");
            double before = retries();
            MongoWireServer.outage().cut();
            try {
                TopicWriter.send(brokers, REQUESTED, customerId, erasureId, "/numi/intake-service", "fr.numi.intake.erasure-requested.v1",
                        ("{\"erasureId\":\"" + erasureId + "\",\"customerId\":\"" + customerId + "\",\"requestedAt\":\"2026-12-02T09:30:00Z\"}")
                                .getBytes(StandardCharsets.UTF_8));
                // when: it stays cut while the consumer tries, fails as a dependency failure, and tries again
                await().atMost(WAIT).until(() -> retries() >= before + 2);
            } finally {
                MongoWireServer.outage().restore();
            }

            // then: once it is back, intake's part is done and answered; nothing was dead-lettered
            ConsumerRecord<String, byte[]> completed = read(COMPLETED,
                    TopicReader.withId(erasureId + ":intake-service"));
            assertThat((Integer) JsonPath.read(text(completed), "$.counts.contacts")).isEqualTo(1);
            assertThat(count("contacts", Criteria.where("_id").is(customerId))).isZero();
            assertThat(TopicReader.drain(brokers, REQUESTED + ".intake-service.dlq", r -> customerId.equals(r.key()))).isEmpty();
        }
    }

    @Autowired
    MeterRegistry meters;

    double retries() {
        return meters.find("numi.consumer.dependency.retries").tag("binding", "erasureRequested-in-0").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Nested
    class BadCalls {

        @Test
        void shouldRefuseEveryoneButTheDpo() {
            String body = "{\"customerId\":\"cus_00000000000000000000000000000000\"}";
            expectProblem(http.post().uri("/api/v1/privacy/erasures").contentType(MediaType.APPLICATION_JSON).bodyValue(body),
                    HttpStatus.UNAUTHORIZED, "unauthenticated");
            for (String role : List.of("AGENT_L1", "AGENT_L3", "SUPERVISOR")) {
                String agent = "Bearer " + TestTokens.agent("a", role);
                expectProblem(http.post().uri("/api/v1/privacy/erasures").header("Authorization", agent)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body), HttpStatus.FORBIDDEN, "forbidden");
                expectProblem(http.get().uri("/api/v1/privacy/erasures/era_00000000000000000000000000000000").header("Authorization", agent),
                        HttpStatus.FORBIDDEN, "forbidden");
            }
        }

        @Test
        void shouldAnswer400ProblemForABodyThatNamesNobodyOrTwoWays() {
            for (String body : List.of("{}", "{\"customerId\":\"cus_123\"}",
                    "{\"customerId\":\"cus_00000000000000000000000000000000\",\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@example.org\"}}",
                    "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"not-an-address\"}}", "{\"contact\":{\"kind\":\"FAX\",\"value\":\"1\"}}", "[")) {
                http.post().uri("/api/v1/privacy/erasures").header("Authorization", DPO).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchange()
                        .expectStatus().isBadRequest()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }

        @Test
        void shouldAnswer404ProblemForAnUnknownErasure() {
            expectProblem(http.get().uri("/api/v1/privacy/erasures/era_00000000000000000000000000000000").header("Authorization", DPO),
                    HttpStatus.NOT_FOUND, "not-found");
        }
    }
}
