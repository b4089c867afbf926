package fr.numi.intake.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one shared integration-test setup of intake-service: a real KRaft broker (embedded), a real
 * Mongo-wire server (in memory) and the whole application on a random port. Every embedded *IT
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
            "numi.intake.whatsapp.app-secret=" + IntakeIntegrationTest.WHATSAPP_SECRET,
            "numi.intake.whatsapp.verify-token=verify-me",
            "numi.intake.twilio.auth-token=" + IntakeIntegrationTest.TWILIO_TOKEN,
            "numi.intake.twilio.public-base-url=" + IntakeIntegrationTest.PUBLIC_BASE_URL,
            "numi.intake.twilio.transcription-wait=3s",
            "numi.intake.twilio.sweep-every=500ms",
        })
@EmbeddedKafka(partitions = 1, topics = {"intake.request-received.v1"})
@ContextConfiguration(initializers = MongoWireServer.class)
public @interface IntakeIntegrationTest {

    String CUSTOMER_SECRET = "integration-test-secret-0123456789";
    String WHATSAPP_SECRET = "test-app-secret";
    String TWILIO_TOKEN = "12345";
    /** As Twilio sees numi: behind a proxy, signatures are checked against this, not the local URL. */
    String PUBLIC_BASE_URL = "https://numi.example.org";
}
