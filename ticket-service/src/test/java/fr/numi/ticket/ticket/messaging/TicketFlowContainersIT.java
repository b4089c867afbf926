package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.testing.TestTokens;
import fr.numi.ticket.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same flows on Testcontainers' real Kafka and MongoDB. Skipped where no Docker engine runs (as
 * on the project's build machine); the embedded {@link TicketFlowIT} always runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.default.consumer.back-off-initial-interval=100",
            "numi.security.jwt.hmac-secret=" + TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
        })
@Import(TestClockConfiguration.class)
class TicketFlowContainersIT extends TicketFlowScenarios {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.1");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.brokers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", MONGO::getReplicaSetUrl);
        registry.add("management.health.mongo.enabled", () -> "true");
    }

    @Override
    String brokers() {
        return KAFKA.getBootstrapServers();
    }
}
