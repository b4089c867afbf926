package fr.numi.contracts.cloudevents;

import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link EventWriter} and {@link EventReader} of a service, configured the same way everywhere: {@code ce_source}
 * is {@code /numi/<spring.application.name>}, bodies go through the service's {@link JsonMapper}, fields are checked by
 * its Bean Validation {@link Validator}. A service imports it: {@code @Import(CloudEventsConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class CloudEventsConfiguration {

    @Bean
    EventWriter eventWriter(JsonMapper json, @Value("${spring.application.name}") String service) {
        return new EventWriter("/numi/" + service, json);
    }

    @Bean
    EventReader eventReader(JsonMapper json, Validator validator) {
        return new EventReader(json, validator);
    }
}
