package fr.numi.intake.support;

import fr.numi.contracts.testing.TestTokens;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared integration-test setup of intake-service: a real KRaft broker (embedded), a real
 * Mongo-wire server (in memory), a local HTTP server in the role of the Graph API and of Twilio
 * ({@link FakeProviders}), a real SMTP server ({@link MailServer}) and the whole application on a random port. Every embedded *IT
 * uses exactly this so the broker and the Spring context are started once and reused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
            "spring.cloud.stream.default.consumer.back-off-initial-interval=100",
            "numi.intake.customer-id-secret=" + IntakeIntegrationTest.CUSTOMER_SECRET,
            "numi.security.jwt.hmac-secret=" + TestTokens.SECRET,
            fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
            "numi.security.jwt.issuer-uri=" + TestTokens.ISSUER,
            "numi.intake.delivery.outbox-api=true",
            "numi.intake.cti.agents.201=alice",
            "numi.intake.twilio.agent-lines.alice=+33611223344",
            "numi.intake.whatsapp.app-secret=" + IntakeIntegrationTest.WHATSAPP_SECRET,
            "numi.intake.whatsapp.verify-token=verify-me",
            "numi.intake.twilio.auth-token=" + IntakeIntegrationTest.TWILIO_TOKEN,
            "numi.intake.twilio.public-base-url=" + IntakeIntegrationTest.PUBLIC_BASE_URL,
            "numi.intake.twilio.transcription-wait=3s",
            "numi.intake.twilio.sweep-every=500ms",
            "numi.intake.delivery.resilience.timeout=5s",
            "numi.intake.delivery.resilience.retry-wait=20ms",
            "numi.intake.delivery.resilience.sliding-window-size=200",
            "numi.intake.delivery.retry.first-wait=300ms",
            "numi.intake.delivery.retry.max-wait=1s",
            "numi.intake.delivery.retry.give-up-after=" + IntakeIntegrationTest.GIVE_UP_AFTER_SECONDS + "s",
            "numi.intake.delivery.retry.lease=20s",
            "numi.intake.delivery.retry.poll-every=200ms",
            "numi.intake.web.api-keys.partner=" + IntakeIntegrationTest.PARTNER_KEY,
            "numi.intake.web.api-keys.burst=" + IntakeIntegrationTest.BURST_KEY,
            "numi.intake.cti.tokens.asterisk=" + IntakeIntegrationTest.CTI_TOKEN,
            "numi.intake.rate-limit.anonymous-per-minute=" + IntakeIntegrationTest.ANONYMOUS_PER_MINUTE,
            "numi.intake.rate-limit.gateway-per-minute=" + IntakeIntegrationTest.GATEWAY_PER_MINUTE,
            "numi.intake.rate-limit.trusted-proxies=127.0.0.1,::1",
            "numi.intake.privacy.relay-after=1s",
            // intake alone answers here; ErasureIT plays ticket-service's answer where it needs one
            "numi.intake.privacy.services=intake-service",
            "numi.intake.privacy.poll-every=300ms",
        })
@EmbeddedKafka(
        partitions = 1,
        topics = {
            "intake.request-received.v1", "intake.red-button-pressed.v1", "intake.delivery-status.v1", "intake.feedback-received.v1",
            "intake.contact-verified.v1",
            "ticket.notification-requested.v1", "urgency.notification-requested.v1", "feedback.survey-requested.v1",
            "ticket.notification-requested.v1.intake-service.dlq", "urgency.notification-requested.v1.intake-service.dlq",
            "feedback.survey-requested.v1.intake-service.dlq",
            "intake.erasure-requested.v1", "intake.erasure-completed.v1",
            "intake.erasure-requested.v1.intake-service.dlq", "intake.erasure-completed.v1.intake-service.dlq",
            "ticket.erasure-completed.v1", "ticket.erasure-completed.v1.intake-service.dlq",
            "triage.erasure-completed.v1", "triage.erasure-completed.v1.intake-service.dlq",
            "urgency.erasure-completed.v1", "urgency.erasure-completed.v1.intake-service.dlq",
            "feedback.erasure-completed.v1", "feedback.erasure-completed.v1.intake-service.dlq",
        })
@ContextConfiguration(initializers = {MongoWireServer.class, FakeProviders.class, MailServer.class, FakeDataServices.class})
public @interface IntakeIntegrationTest {

    String CUSTOMER_SECRET = "integration-test-secret-0123456789";
    String WHATSAPP_SECRET = "test-app-secret";
    String TWILIO_TOKEN = "12345";
    /** As Twilio sees numi: behind a proxy, signatures are checked against this, not the local URL. */
    String PUBLIC_BASE_URL = "https://numi.example.org";
    /** The X-Api-Key of the web gateway "partner". */
    String PARTNER_KEY = "partner-key-2f9c41d7e0b8";
    /** The X-Api-Key of the web gateway "burst", used up by the rate-limit test alone. */
    String BURST_KEY = "burst-key-91c0aa3e5d27";
    /** The token of the PBX bridge "asterisk". */
    String CTI_TOKEN = "cti-token-7d1e9a40b3c6f5";
    int ANONYMOUS_PER_MINUTE = 40;
    /** The bounded delay of delivery retries, short for the tests. */
    int GIVE_UP_AFTER_SECONDS = 4;
    int GATEWAY_PER_MINUTE = 40;
}
