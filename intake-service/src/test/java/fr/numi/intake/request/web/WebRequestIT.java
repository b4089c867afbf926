package fr.numi.intake.request.web;

import fr.numi.intake.support.IntakeIntegrationTest;
import org.springframework.beans.factory.annotation.Value;

/** The web channel on the embedded KRaft broker. */
@IntakeIntegrationTest
class WebRequestIT extends WebRequestScenarios {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Override
    String brokers() {
        return brokers;
    }
}
