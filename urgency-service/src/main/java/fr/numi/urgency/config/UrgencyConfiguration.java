package fr.numi.urgency.config;

import fr.numi.urgency.emergency.domain.SeenEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UrgencyConfiguration {

    @Bean
    SeenEvents seenEvents(UrgencyProperties properties) {
        return new SeenEvents(properties.rememberedEventIds());
    }
}
