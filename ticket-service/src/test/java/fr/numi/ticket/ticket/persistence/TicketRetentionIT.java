package fr.numi.ticket.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Retention of conversations (docs/privacy.md "Retention"), with the service's own retention job running every half
 * second: a ticket closed longer ago than {@code numi.retention.conversations} is anonymised and still counted; an open
 * ticket, however old, and a ticket closed recently are kept as they are.
 */
@TicketIntegrationTest
@TestPropertySource(properties = {
    // Its own database: the job purges with a retention of seconds or hours, and the Mongo-wire server is shared by
    // every test context of the JVM.
    "spring.mongodb.database=retention-it",
    "numi.retention.conversations=1h",
    "numi.retention.purge-every=500ms",
    "numi.retention.first-purge-after=0s",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class TicketRetentionIT {

    static final String AGENT = TestTokens.agent("alice", "AGENT_L1");
    static final String REPLY = "Bonjour, changez le mot de passe de votre messagerie tout de suite.";
    static final String NOTE = "Elle a donné son code à un faux conseiller";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    TicketDriver driver;

    @BeforeEach
    void driver() {
        driver = new TicketDriver(brokers, clock, mongo, port);
    }

    @Test
    void shouldAnonymiseATicketClosedLongerThanItsRetentionAndKeepOpenAndRecentlyClosedOnes() {
        // given: a ticket answered and closed, another still open, both older than the retention once the clock moves
        Request closed = closedTicket();
        Request open = driver.qualified(2);
        assertThat(driver.storedTicket(closed.ticketId()).getString("name")).isNotBlank();
        clock.advance(Duration.ofHours(2));
        // and a ticket closed just now
        Request recent = closedTicket();

        // when: the retention job runs (every 500 ms)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> driver.storedTicket(closed.ticketId()).get("anonymisedAt") != null);

        // then: the old closed ticket no longer names or quotes anyone, and still counts
        Document anonymised = driver.storedTicket(closed.ticketId());
        assertThat(anonymised.getString("name")).isNull();
        assertThat(anonymised.getString("customerId")).isNull();
        assertThat(anonymised.getList("contacts", Document.class)).isEmpty();
        assertThat(anonymised.getList("trackingTokenHashes", String.class)).isEmpty();
        List<Document> timeline = anonymised.getList("timeline", Document.class);
        assertThat(timeline).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("text")).isNull();
            assertThat(line.get("author")).isNull();
            assertThat(line.get("customerId")).isNull();
            assertThat(line.getList("attachments", Object.class)).isEmpty();
        });
        assertThat(timeline).extracting(line -> line.getString("kind")).contains("PERSON_MESSAGE", "AGENT_REPLY", "NOTE", "CLOSED");
        assertThat(anonymised.toJson()).doesNotContain(closed.contactValue(), closed.customerId(), REPLY, NOTE);
        assertThat(anonymised.getString("status")).isEqualTo("CLOSED");
        assertThat(anonymised.getInteger("level")).isEqualTo(1);
        assertThat(anonymised.get("receivedAt")).isNotNull();
        assertThat(anonymised.get("resolvedAt")).isNotNull();
        // nothing leads the person back to it: their next message opens a new ticket, their tracking link finds nothing
        assertThat(pointer("conversations", closed.customerId())).isNull();
        assertThat(pointer("ticket_tracking_tokens", TicketDriver.sha256(closed.token()))).isNull();
        // and the agents' desk still shows it, without the words
        agentView(closed.ticketId()).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains(closed.ticketId()).doesNotContain(REPLY, NOTE, closed.contactValue()));

        // and the open ticket and the recently closed one are untouched
        Document stillOpen = driver.storedTicket(open.ticketId());
        assertThat(stillOpen.get("anonymisedAt")).isNull();
        assertThat(stillOpen.getString("name")).isNotBlank();
        assertThat(stillOpen.getList("contacts", Document.class)).isNotEmpty();
        Document recentlyClosed = driver.storedTicket(recent.ticketId());
        assertThat(recentlyClosed.get("anonymisedAt")).isNull();
        assertThat(recentlyClosed.toJson()).contains(REPLY, NOTE, recent.contactValue());
    }

    @Test
    void shouldCreateTheDeadLetterTopicsWithTheirRetention() throws Exception {
        // given: the dead-letter topics the binder created at start-up (nothing else makes them in the tests)
        String deadLetters = "intake.request-received.v1.ticket-service.dlq";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            // when
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, deadLetters);
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);

            // then: 28 days, set on the topic itself (numi-defaults.yml, docs/privacy.md "Retention")
            assertThat(config.get("retention.ms").value()).isEqualTo("2419200000");
            assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    /** A person's request answered by an agent, with a note, resolved and closed. */
    private Request closedTicket() {
        Request request = driver.qualified(1);
        post(request, "claim", null).expectStatus().isOk();
        post(request, "replies", Map.of("text", REPLY)).expectStatus().isOk();
        post(request, "notes", Map.of("text", NOTE)).expectStatus().isOk();
        post(request, "resolve", Map.of()).expectStatus().isOk();
        post(request, "close", null).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        return request;
    }

    private String pointer(String collection, String key) {
        return mongo.getCollection(collection).flatMap(c -> Mono.from(c.find(new Document("_id", key)).first()))
                .map(d -> Objects.toString(d.get("ticketId"))).block(Duration.ofSeconds(5));
    }

    private WebTestClient.ResponseSpec post(Request request, String action, Object body) {
        var spec = driver.http().post().uri("/api/v1/agent/tickets/{id}/" + action, request.ticketId())
                .headers(h -> h.setBearerAuth(AGENT));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec agentView(String ticketId) {
        return driver.http().get().uri("/api/v1/agent/tickets/{id}", ticketId).headers(h -> h.setBearerAuth(AGENT))
                .header("Connection", "close").exchange();
    }
}
