package fr.numi.intake.request.web;

import java.time.Duration;
import fr.numi.intake.support.MongoWireServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With no broker to acknowledge, intake must refuse (503 + Retry-After), never promise with a 202. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "spring.cloud.stream.kafka.binder.brokers=127.0.0.1:1",
            "spring.kafka.producer.properties.max.block.ms=1000",
            "numi.intake.publish-timeout=3s",
            "numi.intake.retry-after=15s",
            "numi.intake.customer-id-secret=integration-test-secret-0123456789",
            "numi.security.jwt.hmac-secret=" + fr.numi.contracts.testing.TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            // No consumer bindings: this context checks the door alone, with no broker at all.
            "spring.cloud.function.definition=",
        })
// The Mongo-wire server too: without it, the call sweep of this (paused, cached) context would wait 30 s for a MongoDB.
@ContextConfiguration(initializers = MongoWireServer.class)
class BrokerDownIT {

    @LocalServerPort
    int port;

    @Test
    void shouldAnswer503WithRetryAfterWhenTheBrokerIsUnreachable() {
        WebTestClient http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();

        http.post().uri("/api/v1/requests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"a@b.fr\"},\"description\":\"Bonjour\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "15")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://numi.fr/problems/temporarily-unavailable");
    }
}
