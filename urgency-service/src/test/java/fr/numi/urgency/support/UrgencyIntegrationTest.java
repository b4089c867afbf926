package fr.numi.urgency.support;

import fr.numi.contracts.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared integration-test setup of urgency-service: a real KRaft broker (embedded), a real
 * Mongo-wire server (in memory), a local HTTP server in the role of Alertmanager, and the whole
 * application on a random port. Every *IT uses exactly this so broker and context start once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.default.consumer.back-off-initial-interval=100",
            "numi.security.jwt.hmac-secret=" + TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
            "numi.urgency.paging.link-base-url=https://numi.example/urgency",
            // Short waits between page attempts; a breaker that does not open across the suite's deliberate failures.
            "resilience4j.retry.instances.paging-webhook.wait-duration=20ms",
            "resilience4j.circuitbreaker.instances.paging-webhook.minimum-number-of-calls=1000",
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {
            "intake.request-received.v1",
            "intake.red-button-pressed.v1",
            "triage.request-triaged.v1",
            "intake.request-received.v1.urgency-service.dlq",
            "triage.request-triaged.v1.urgency-service.dlq",
            "ticket.triage-corrected.v1",
            "ticket.triage-corrected.v1.urgency-service.dlq",
            "intake.delivery-status.v1",
            "intake.delivery-status.v1.urgency-service.dlq",
            "urgency.cyber-urgency-declared.v1",
            "urgency.notification-requested.v1",
            "intake.erasure-requested.v1", "intake.erasure-requested.v1.urgency-service.dlq", "urgency.erasure-completed.v1",
        })
@ContextConfiguration(initializers = {MongoWireServer.class, Alertmanager.class})
public @interface UrgencyIntegrationTest {}
