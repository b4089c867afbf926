package fr.numi.feedback.config;

import fr.numi.feedback.kpi.domain.SeenEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    @Bean
    SeenEvents seenEvents(FeedbackProperties properties) {
        return new SeenEvents(properties.rememberedEventIds());
    }
}
