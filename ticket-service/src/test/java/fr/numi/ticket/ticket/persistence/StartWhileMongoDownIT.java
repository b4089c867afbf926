package fr.numi.ticket.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import fr.numi.contracts.testing.TestKeys;
import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.TicketServiceApplication;
import fr.numi.ticket.support.MongoWireServer;
import fr.numi.ticket.support.TicketIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

/**
 * An instance started while MongoDB is away (a restart during an outage) starts: up, its readiness DOWN (503 at
 * {@code /readyz}, so that it takes no traffic) and its indexes made in the background, once MongoDB is back; then
 * ready. Before, its start-up made the indexes with the driver's own time-out and stopped at the first one.
 */
@TicketIntegrationTest
class StartWhileMongoDownIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @AfterEach
    void mongoBack() {
        MongoWireServer.outage().restore();
    }

    @Test
    void shouldStartWhileMongoDbIsDownAndBeReadyWithItsIndexesOnceItIsBack() throws Exception {
        // given: no index of ticket-service yet (another database on the same server), and MongoDB unreachable
        String database = "numi-ticket-late-" + System.nanoTime();
        MongoWireServer.outage().cut();

        // when: an instance starts
        try (ConfigurableApplicationContext instance = new SpringApplicationBuilder(TicketServiceApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--spring.mongodb.uri=" + MongoWireServer.connectionString(), "--spring.mongodb.database=" + database,
                "--spring.kafka.bootstrap-servers=" + brokers, "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--numi.security.jwt.hmac-secret=" + TestTokens.SECRET, "--numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--" + TestKeys.MASTER_KEY_PROPERTY)) {
            URI readyz = URI.create("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port") + "/readyz");

            // then: it is up, and not ready while the database is away
            assertThat(status(readyz)).isEqualTo(503);

            // when: MongoDB is back
            MongoWireServer.outage().restore();

            // then: it is ready, with the indexes it makes at start-up
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(status(readyz)).isEqualTo(200);
                assertThat(indexes(database, TicketDocument.COLLECTION)).contains("level_status", "status_updated_at", "tracking_token_hashes");
                assertThat(indexes(database, "ticket_timers")).contains("due");
            });
        }
    }

    static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Read with a client of its own: the application's goes through its circuit breaker, which the outage opened. */
    static List<String> indexes(String database, String collection) {
        try (MongoClient client = MongoClients.create(MongoWireServer.connectionString())) {
            return Flux.from(client.getDatabase(database).getCollection(collection).listIndexes())
                    .map(d -> d.getString("name")).collectList().block(Duration.ofSeconds(5));
        }
    }
}
