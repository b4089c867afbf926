package fr.numi.feedback.support;

import fr.numi.contracts.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared integration-test setup of feedback-service: a real KRaft broker (embedded), a real
 * Mongo-wire server (in memory) and the whole application on a random port. Every *IT uses exactly
 * this so the broker and the Spring context are started once and reused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "numi.security.jwt.hmac-secret=" + TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
            "spring.cloud.stream.default.consumer.back-off-initial-interval=100",
            "numi.feedback.gauges-refresh=1s",
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {
            "ticket.lifecycle.v1",
            "intake.feedback-received.v1",
            "urgency.cyber-urgency-declared.v1",
            "feedback.survey-requested.v1",
            "ticket.lifecycle.v1.feedback-service.dlq",
            "intake.feedback-received.v1.feedback-service.dlq",
            "urgency.cyber-urgency-declared.v1.feedback-service.dlq",
            "intake.erasure-requested.v1", "intake.erasure-requested.v1.feedback-service.dlq", "feedback.erasure-completed.v1",
        })
@ContextConfiguration(initializers = MongoWireServer.class)
public @interface FeedbackIntegrationTest {}
