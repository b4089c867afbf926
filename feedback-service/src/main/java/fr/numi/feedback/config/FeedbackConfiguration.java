package fr.numi.feedback.config;

import fr.numi.feedback.kpi.domain.KpiCalculator;
import fr.numi.feedback.kpi.domain.KpiRules;
import fr.numi.feedback.kpi.domain.KpiTargets;
import fr.numi.feedback.kpi.domain.OpeningHours;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FeedbackConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KpiRules kpiRules(FeedbackProperties properties) {
        return new KpiRules(properties.reopenVoidsFirstContactWithin(), properties.surveyMaxAge());
    }

    @Bean
    KpiTargets kpiTargets(FeedbackProperties properties) {
        FeedbackProperties.Targets t = properties.targets();
        return new KpiTargets(t.satisfaction(), t.firstResponse(), t.firstContactResolution(), t.availability(), t.cyberPickup());
    }

    @Bean
    OpeningHours openingHours(FeedbackProperties properties) {
        FeedbackProperties.Opening o = properties.openingHours();
        return new OpeningHours(o.opens(), o.closes(), ZoneId.of(o.zone()));
    }

    @Bean
    KpiCalculator kpiCalculator(KpiTargets targets, KpiRules rules, OpeningHours openingHours) {
        return new KpiCalculator(targets, rules, openingHours);
    }
}
