package fr.numi.feedback.kpi;

import fr.numi.contracts.testing.SealedRecords;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.contracts.cloudevents.EventKey;
import fr.numi.contracts.testing.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.Contracts;
import fr.numi.feedback.kpi.application.KpiMetrics;
import fr.numi.feedback.kpi.application.PresenceStore;
import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.application.TicketKpiStore;
import fr.numi.feedback.kpi.domain.KpiRules;
import fr.numi.feedback.support.FeedbackIntegrationTest;
import fr.numi.feedback.support.InMemoryStores;
import fr.numi.feedback.support.Lifecycle;
import fr.numi.feedback.support.Prometheus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real records in on a real broker, state in a real Mongo-wire server; KPIs read back from the
 * service's own Prometheus endpoint and KPI API. Each test lives in its own far-future day so the
 * shared database does not mix their KPIs.
 */
@FeedbackIntegrationTest
class KpiFlowIT {

    static final Map<String, Object> NONE = Map.of();

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    /** The actuator, on the management port. */
    @LocalManagementPort
    int managementPort;

    @Autowired
    TicketKpiStore store;

    @Autowired
    PresenceStore presence;

    Prometheus prometheus;
    WebTestClient http;
    final JsonMapper json = JsonMapper.builder().build();

    /** The customers' keys: the records' personal fields are sealed with them. */
    @Autowired
    CustomerKeys customerKeys;
    Instant day;

    @BeforeEach
    void setUp() {
        prometheus = new Prometheus(managementPort);
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("Authorization", "Bearer " + TestTokens.agent("superviseur", "SUPERVISOR")).build();
        day = Instant.parse("2031-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(3000), ChronoUnit.DAYS);
    }

    JsonNode kpis(String query) {
        byte[] body = http.get().uri("/api/v1/kpis?" + query).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body);
    }

    String window() {
        return "from=" + day + "&to=" + day.plus(Duration.ofDays(1));
    }

    Lifecycle resolvedTicket(String channel, Duration firstReply) {
        Instant t0 = day.plus(Duration.ofHours(9));
        Lifecycle ticket = new Lifecycle(brokers, channel);
        ticket.change("ticket-received", "RECEIVED", null, t0, t0, NONE);
        ticket.change("ticket-qualified", "QUALIFIED", 1, t0.plusSeconds(5), t0, Map.of("category", "printing"));
        ticket.change("ticket-claimed", "IN_PROGRESS", 1, t0.plusSeconds(60), t0, Map.of("agentId", "agent-1"));
        ticket.change("ticket-replied", "IN_PROGRESS", 1, t0.plus(firstReply), t0, Map.of("agentId", "agent-1"));
        ticket.change("ticket-resolved", "RESOLVED", 1, t0.plus(firstReply).plusSeconds(600), t0,
                Map.of("agentId", "agent-1", "firstContactResolution", true));
        return ticket;
    }

    @Test
    void shouldExposeFirstResponseAndSatisfactionOnPrometheusAndTheApiWhenATicketIsResolvedAndRated() {
        // given
        Map<String, String> within2h = Map.of("application", "feedback-service", "le", "7200.0", "level", "1", "channel", "PHONE");
        Map<String, String> fourStars = Map.of("rating", "4", "satisfied", "true", "level", "1", "channel", "PHONE");
        double bucketBefore = prometheus.value("numi_ticket_first_response_seconds_bucket", within2h);
        double ratingsBefore = prometheus.value("numi_feedback_ratings_total", fourStars);

        // when
        Lifecycle ticket = resolvedTicket("PHONE", Duration.ofMinutes(90));
        ticket.rating("phone-feedback-" + ticket.ticketId, 4, day.plus(Duration.ofHours(12)));

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(prometheus.value("numi_ticket_first_response_seconds_bucket", within2h)).isEqualTo(bucketBefore + 1);
            assertThat(prometheus.value("numi_feedback_ratings_total", fourStars)).isEqualTo(ratingsBefore + 1);
        });
        JsonNode report = kpis(window() + "&channel=PHONE");
        assertThat(report.at("/satisfaction/ratings").asLong()).isEqualTo(1);
        assertThat(report.at("/satisfaction/rate").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/firstResponse/distribution/p90Seconds").asLong()).isEqualTo(5400);
        assertThat(report.at("/firstContactResolution/rate").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/volumes/byCategory/printing").asLong()).isEqualTo(1);
        assertThat(report.at("/targets/firstResponseSeconds").asLong()).isEqualTo(7200);
    }

    @Test
    void shouldPublishOneSurveyOnTheTicketsChannelMatchingItsContractWhenTheTicketCloses() {
        // when: resolved, then closed once the person confirmed
        Lifecycle ticket = resolvedTicket("WHATSAPP", Duration.ofMinutes(20));
        Instant closedAt = day.plus(Duration.ofHours(10));
        ticket.change("ticket-closed", "CLOSED", 1, closedAt, day.plus(Duration.ofHours(9)), Map.of("reason", "PERSON_CONFIRMED"));

        // then
        ConsumerRecord<String, byte[]> survey = Records.awaitRecord(brokers, "feedback.survey-requested.v1",
                r -> ticket.ticketId.equals(r.key()));
        assertThat(Contracts.bodyViolations("feedback.survey-requested.v1", survey.value())).isEmpty();
        assertThat(Contracts.headerViolations("feedback.survey-requested.v1", Records.rawHeaders(survey))).isEmpty();
        JsonNode body = SealedRecords.open(survey, customerKeys);
        assertThat(body.get("channel").asString()).isEqualTo("WHATSAPP");
        assertThat(Records.header(survey, "ce_id")).isEqualTo(ticket.ticketId + ":survey-requested");
    }

    @Test
    void shouldCountNothingTwiceWhenEveryRecordIsRedelivered() {
        // given
        Lifecycle ticket = resolvedTicket("WEB", Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kpis(window() + "&channel=WEB").at("/firstContactResolution/resolved").asLong()).isEqualTo(1));
        double resolvedBefore = prometheus.value("numi_tickets_resolved_total", Map.of("channel", "WEB"));

        // when
        ticket.sent.forEach(ticket::resend);
        ticket.change("ticket-closed", "CLOSED", 1, day.plus(Duration.ofHours(20)), day, Map.of("agentId", "agent-1"));

        // then: the closing after the redeliveries is counted, so the redeliveries were read first
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.load(ticket.ticketId).block().kpis().closedAt()).isNotNull());
        JsonNode report = kpis(window() + "&channel=WEB");
        assertThat(report.at("/firstContactResolution/resolved").asLong()).isEqualTo(1);
        assertThat(report.at("/firstResponse/distribution/count").asLong()).isEqualTo(1);
        assertThat(report.at("/volumes/received").asLong()).isEqualTo(1);
        assertThat(prometheus.value("numi_tickets_resolved_total", Map.of("channel", "WEB"))).isEqualTo(resolvedBefore);
    }

    @Test
    void shouldVoidFirstContactResolutionWhenTheTicketIsReopenedWithinSevenDays() {
        // given
        Lifecycle ticket = resolvedTicket("WEB", Duration.ofMinutes(30));
        double voidedBefore = prometheus.value("numi_tickets_first_contact_voided_total", Map.of("channel", "WEB"));

        // when
        ticket.change("ticket-reopened", "REOPENED", 1, day.plus(Duration.ofDays(2)), day, Map.of("agentId", "agent-1"));

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_tickets_first_contact_voided_total", Map.of("channel", "WEB")))
                        .isEqualTo(voidedBefore + 1));
        JsonNode report = kpis(window() + "&channel=WEB");
        assertThat(report.at("/firstContactResolution/resolved").asLong()).isEqualTo(1);
        assertThat(report.at("/firstContactResolution/firstContact").asLong()).isZero();
    }

    @Test
    void shouldParkARatingThatArrivesBeforeTheResolutionAndCountItOnceResolved() {
        // given
        Instant t0 = day.plus(Duration.ofHours(9));
        Lifecycle ticket = new Lifecycle(brokers, "WEB");
        ticket.change("ticket-received", "RECEIVED", null, t0, t0, NONE);
        ticket.rating("web-feedback-" + ticket.ticketId, 2, t0.plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.load(ticket.ticketId).block().kpis().rating()).isNotNull());
        assertThat(kpis(window() + "&channel=WEB").at("/satisfaction/ratings").asLong()).isZero();

        // when
        ticket.change("ticket-resolved", "RESOLVED", 1, t0.plusSeconds(600), t0, Map.of("agentId", "agent-1"));

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kpis(window() + "&channel=WEB").at("/satisfaction/ratings").asLong()).isEqualTo(1));
        assertThat(kpis(window() + "&channel=WEB").at("/satisfaction/rate").asDouble()).isZero();
    }

    @Test
    void shouldKeepTheFirstRatingWhenTheTicketIsRatedAgain() {
        // given
        Lifecycle ticket = resolvedTicket("WHATSAPP", Duration.ofMinutes(30));
        ticket.rating("wa-1-" + ticket.ticketId, 5, day.plus(Duration.ofHours(11)));
        double ignoredBefore = prometheus.value("numi_feedback_ratings_ignored_total", Map.of("reason", "already-rated"));

        // when
        ticket.rating("wa-2-" + ticket.ticketId, 1, day.plus(Duration.ofHours(12)));

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_feedback_ratings_ignored_total", Map.of("reason", "already-rated")))
                        .isEqualTo(ignoredBefore + 1));
        JsonNode report = kpis(window() + "&channel=WHATSAPP");
        assertThat(report.at("/satisfaction/ratings").asLong()).isEqualTo(1);
        assertThat(report.at("/satisfaction/byStars/5").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRefuseARatingOutOfRangeToTheDeadLetterTopicWithTheReason() {
        // given
        Lifecycle ticket = resolvedTicket("WEB", Duration.ofMinutes(30));
        String body = new String(Contracts.example(Lifecycle.FEEDBACK), StandardCharsets.UTF_8)
                .replace("NUMI-7K3Q-9XMD", ticket.ticketId).replace("\"rating\": 5", "\"rating\": 7");
        assertThat(body).contains("\"rating\": 7");

        // when
        ticket.sendUnchecked(Lifecycle.FEEDBACK, "bad-rating-" + ticket.ticketId, "fr.numi.intake.feedback-received.v1",
                body.getBytes(StandardCharsets.UTF_8));

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, Lifecycle.FEEDBACK + ".feedback-service.dlq",
                r -> ticket.ticketId.equals(r.key()));
        assertThat(Records.header(dead, "x-exception-message")).contains("a rating is 1 to 5, was 7");
    }

    @Test
    void shouldMeasureTheLevel3PickupOfACyberEmergency() {
        // given
        Instant t0 = day.plus(Duration.ofHours(10));
        Lifecycle ticket = new Lifecycle(brokers, "PHONE");
        Map<String, String> within15m = Map.of("le", "900.0", "channel", "PHONE");
        double before = prometheus.value("numi_cyber_level3_pickup_seconds_bucket", within15m);

        // when
        ticket.cyberDeclared(t0);
        ticket.change("ticket-received", "RECEIVED", null, t0, t0, Map.of("cyber", true));
        ticket.change("ticket-claimed", "IN_PROGRESS", 3, t0.plus(Duration.ofMinutes(9)), t0, Map.of("cyber", true, "agentId", "l3"));

        // then
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(prometheus.value("numi_cyber_level3_pickup_seconds_bucket", within15m)).isEqualTo(before + 1));
        JsonNode cyber = kpis(window() + "&channel=PHONE").get("cyber");
        assertThat(cyber.get("urgencies").asLong()).isEqualTo(1);
        assertThat(cyber.get("pickedUpWithinTarget").asLong()).isEqualTo(1);
    }

    @Test
    void shouldNotCountAgainWhenTopicsAreReplayedIntoAFreshProcess() {
        // given: a ticket fully counted by the running service
        Lifecycle ticket = resolvedTicket("WEB", Duration.ofMinutes(45));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(store.load(ticket.ticketId).block().kpis().appliedEventIds()).hasSize(5));
        SimpleMeterRegistry freshMeters = new SimpleMeterRegistry();
        RecordKpiEvents restarted = new RecordKpiEvents(store, presence, new InMemoryStores.Surveys(), new KpiMetrics(freshMeters),
                KpiRules.standard(), Clock.systemUTC());

        // when: a new process (empty memory, same database) reads the same events again
        ticket.sent.forEach(s -> replay(restarted, s));

        // then: its series exist (created at 0) and none moved
        assertThat(freshMeters.getMeters()).isNotEmpty();
        assertThat(freshMeters.getMeters()).allSatisfy(meter -> meter.measure().forEach(m ->
                assertThat(m.getValue()).as(meter.getId() + " " + m.getStatistic()).isZero()));
    }

    private void replay(RecordKpiEvents into, Lifecycle.Sent sent) {
        JsonNode b = json.readTree(sent.body());
        String key = new EventKey(Lifecycle.source(sent.topic()), sent.ceId()).value();
        into.ticketChanged(new fr.numi.feedback.kpi.domain.TicketChange(key, b.get("ticketId").asString(),
                fr.numi.feedback.kpi.domain.LifecycleKind.fromType(sent.type()),
                fr.numi.feedback.kpi.domain.TicketStatus.valueOf(b.get("status").asString()), null, b.get("channel").asString(),
                b.get("level").isNull() ? null : b.get("level").asInt(), null, null, false, Instant.parse(b.get("occurredAt").asString()),
                Instant.parse(b.get("receivedAt").asString()), null));
    }

    /** The ce_type each topic's writer puts on its records. */
    static final Map<String, String> TYPES = Map.of(
            Lifecycle.LIFECYCLE, "fr.numi.ticket.ticket-received.v1",
            Lifecycle.FEEDBACK, "fr.numi.intake.feedback-received.v1",
            Lifecycle.URGENCY, "fr.numi.urgency.cyber-urgency-declared.v1");

    @ParameterizedTest
    @ValueSource(strings = {Lifecycle.LIFECYCLE, Lifecycle.FEEDBACK, Lifecycle.URGENCY})
    void shouldDeadLetterAnUnreadableRecordWithTheReason(String topic) {
        // given
        String key = "bad-" + java.util.UUID.randomUUID();

        // when
        Records.send(brokers, topic, key, "{ not json".getBytes(StandardCharsets.UTF_8),
                Records.cloudEvent(key, Lifecycle.source(topic), TYPES.get(topic), null));

        // then
        ConsumerRecord<String, byte[]> dead = Records.awaitRecord(brokers, topic + ".feedback-service.dlq", r -> key.equals(r.key()));
        assertThat(Records.header(dead, "x-exception-message")).contains("unreadable " + topic + " record");
        assertThat(Records.header(dead, "x-original-topic")).isEqualTo(topic);
    }

    @ParameterizedTest
    @ValueSource(strings = {Lifecycle.LIFECYCLE, Lifecycle.FEEDBACK, Lifecycle.URGENCY})
    void shouldDeadLetterARecordWithoutItsTypeOrItsTicketIdNamingWhatIsMissing(String topic) {
        // given the contract's example once without ce_type, once without its ticket id
        String noType = "no-type-" + java.util.UUID.randomUUID();
        Map<String, String> headers = Records.cloudEvent(noType, Lifecycle.source(topic), TYPES.get(topic), null);
        headers.remove("ce_type");
        String noTicket = "no-ticket-" + java.util.UUID.randomUUID();
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(topic));
        body.remove("ticketId");

        // when
        Records.send(brokers, topic, noType, Contracts.example(topic), headers);
        Records.send(brokers, topic, noTicket, json.writeValueAsBytes(body), Records.cloudEvent(noTicket, Lifecycle.source(topic),
                TYPES.get(topic), null));

        // then
        String dlq = topic + ".feedback-service.dlq";
        assertThat(Records.header(Records.awaitRecord(brokers, dlq, r -> noType.equals(r.key())), "x-exception-message"))
                .contains(topic + " record without ce_type");
        assertThat(Records.header(Records.awaitRecord(brokers, dlq, r -> noTicket.equals(r.key())), "x-exception-message"))
                .contains(topic + " record without ticketId");
    }
}
