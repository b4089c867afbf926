package fr.numi.ticket.support;

import fr.numi.contracts.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared integration-test setup of ticket-service: a real KRaft broker (embedded), a real
 * Mongo-wire server (in memory, behind a proxy a test can cut: {@link MongoWireServer#outage()}), a
 * clock the tests move, and the whole application on a random port. Every embedded *IT uses exactly this, so broker and context start once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.default.consumer.back-off-initial-interval=100",
            // An outage is waited out the same way, only sooner (numi-defaults: 1 s doubling up to 30 s).
            "numi.consumer.dependency-back-off.initial-interval=200ms",
            "numi.consumer.dependency-back-off.max-interval=1s",
            "numi.security.jwt.hmac-secret=" + TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {
            "intake.request-received.v1", "intake.red-button-pressed.v1", "triage.request-triaged.v1", "urgency.cyber-urgency-declared.v1", "intake.delivery-status.v1", "intake.contact-verified.v1", "intake.feedback-received.v1", "ticket.lifecycle.v1", "ticket.notification-requested.v1",
            "ticket.queue-level-1.v1", "ticket.queue-level-2.v1", "ticket.queue-level-3.v1", "ticket.triage-corrected.v1",
            "intake.erasure-requested.v1", "intake.erasure-requested.v1.ticket-service.dlq", "ticket.erasure-completed.v1",
        })
@ContextConfiguration(initializers = MongoWireServer.class)
@Import({TestClockConfiguration.class, OtherInstance.class})
public @interface TicketIntegrationTest {}
