package fr.numi.intake.limits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.intake.IntakeServiceApplication;
import fr.numi.intake.support.IntakeIntegrationTest;
import fr.numi.intake.support.MongoWireServer;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of intake on the same MongoDB give a caller one limit between them, not one each: the test's own
 * application (instance A) and a second one started here (instance B, its Kafka consumers left stopped so that it takes
 * no partition from A), a caller posting to both in turn.
 */
@IntakeIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRateLimitIT {

    static final int LIMIT = IntakeIntegrationTest.ANONYMOUS_PER_MINUTE;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    ConfigurableApplicationContext second;

    @BeforeAll
    void startASecondInstance() {
        String[] properties = {
            "server.port=0",
            "management.server.port=0",
            "numi.security.jwt.hmac-secret=" + fr.numi.contracts.testing.TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "spring.mongodb.uri=" + MongoWireServer.connectionString(),
            "spring.kafka.bootstrap-servers=" + brokers,
            "spring.cloud.stream.kafka.binder.brokers=" + brokers,
            "spring.cloud.stream.bindings.ticketNotification-in-0.consumer.auto-startup=false",
            "spring.cloud.stream.bindings.urgencyNotification-in-0.consumer.auto-startup=false",
            "spring.cloud.stream.bindings.surveyRequested-in-0.consumer.auto-startup=false",
            "numi.intake.customer-id-secret=" + IntakeIntegrationTest.CUSTOMER_SECRET,
            "numi.intake.attachments.poll-every=1h",
            "numi.intake.twilio.sweep-every=1h",
            "numi.intake.rate-limit.anonymous-per-minute=" + LIMIT,
            "numi.intake.rate-limit.trusted-proxies=127.0.0.1,::1",
        };
        // As command-line arguments: they win over application.yml (the builder's properties would not).
        second = new SpringApplicationBuilder(IntakeServiceApplication.class)
                .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
    }

    @AfterAll
    void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void shouldGiveACallerOneLimitAcrossTwoInstances() {
        // given: both instances, and a minute with room left in it (windows are aligned on the minute)
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        WebTestClient a = client(port);
        WebTestClient b = client(secondPort);
        await().atMost(Duration.ofSeconds(70)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
        String caller = "198.18.0." + (1 + (int) (Math.random() * 250));

        // when: the caller posts to A and B in turn until one says 429
        int passed = 0;
        int status = 0;
        while (passed < 2 * LIMIT) {
            status = post(passed % 2 == 0 ? a : b, caller).returnResult(String.class).getStatus().value();
            if (status == 429) {
                break;
            }
            assertThat(status).isEqualTo(400);
            passed++;
        }

        // then: the limit once, not twice; both instances refuse now
        assertThat(status).isEqualTo(429);
        assertThat(passed).isEqualTo(LIMIT);
        post(a, caller).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        post(b, caller).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String caller) {
        return client.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", caller)
                .bodyValue("{}").exchange();
    }
}
