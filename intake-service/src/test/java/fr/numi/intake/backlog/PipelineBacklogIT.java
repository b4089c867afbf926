package fr.numi.intake.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.contracts.testing.KeepsOtherContextsBroker;
import fr.numi.intake.support.IntakeIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The backlog guard on a real broker: the lag of the group that would turn requests into tickets is what the broker
 * says, moved here by committing that group's offsets as a consumer that keeps up (or not) would.
 */
@IntakeIntegrationTest
@TestPropertySource(properties = {
    "numi.intake.backlog.limit=" + PipelineBacklogIT.LIMIT,
    "numi.intake.backlog.groups=" + PipelineBacklogIT.GROUP,
    "numi.intake.backlog.poll-every=200ms",
    "numi.intake.backlog.retry-after=45s",
    "numi.intake.rate-limit.enabled=false",
})
@ExtendWith(KeepsOtherContextsBroker.class)
class PipelineBacklogIT {

    static final int LIMIT = 3;
    static final String GROUP = "numi-backlog-probe";
    static final String TOPIC = "intake.request-received.v1";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MeterRegistry meters;

    WebTestClient http;
    Admin admin;

    @BeforeEach
    void setUp() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        admin = Admin.create(Map.of("bootstrap.servers", brokers));
    }

    @AfterEach
    void tearDown() {
        admin.close(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseOrdinaryRequestsWhileTheTicketGroupIsTooFarBehindButNeverTheRedButton() throws Exception {
        // given: the group has caught up with everything on the topic
        catchUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> backlogGauge() == 0.0);

        // when: requests arrive that nobody consumes, up to the limit
        for (int i = 0; i < LIMIT; i++) {
            post(ordinary(i)).expectStatus().isAccepted();
        }

        // then: once the broker shows the group that far behind, an ordinary request is refused, told when to come back
        await().atMost(Duration.ofSeconds(10)).until(() -> backlogGauge() >= LIMIT);
        long before = endOffset();
        EntityExchangeResult<byte[]> refused = post(ordinary(99))
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "45")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://numi.fr/problems/busy")
                .returnResult();
        assertThat(new String(refused.getResponseBodyContent())).contains("bouton rouge");
        // and nothing of it was published
        assertThat(endOffset()).isEqualTo(before);

        // and a red button still goes through at once
        post("{\"contact\":{\"kind\":\"PHONE\",\"value\":\"06 11 22 33 44\"},\"description\":\"On vide mon compte\",\"redButton\":true}")
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.firstInstructions.lines").isNotEmpty();

        // when: the group catches up
        catchUp();

        // then: ordinary requests are accepted again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> post(ordinary(100)).returnResult(byte[].class).getStatus().value() == 202);
    }

    private WebTestClient.ResponseSpec post(String body) {
        return http.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String ordinary(int i) {
        return "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"file" + i + "@example.org\"},\"description\":\"Mon ordinateur est lent, demande " + i + "\"}";
    }

    private double backlogGauge() {
        return meters.get("numi.intake.pipeline.backlog.records").gauge().value();
    }

    private long endOffset() throws Exception {
        return admin.listOffsets(Map.of(new TopicPartition(TOPIC, 0), OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS)
                .values().iterator().next().offset();
    }

    /** Commits the group's offsets at the end of every partition, as a consumer that has read everything would. */
    private void catchUp() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC)
                .partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(GROUP, ends).all().get(10, TimeUnit.SECONDS);
    }
}
