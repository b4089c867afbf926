package fr.numi.triage.config;

import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.Triage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TriageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TriageConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Loaded and checked once at start-up: a bad rules file stops the service with the list of problems. */
    @Bean
    RuleSet ruleSet(TriageProperties properties) {
        RuleSet rules = RulesFile.load(properties.rules());
        log.info("triage rules loaded version={} categories={} source={}",
                rules.version(), rules.categories().size(), properties.rules().getDescription());
        return rules;
    }

    @Bean
    Triage triage(RuleSet ruleSet, Clock clock) {
        return new Triage(ruleSet, clock);
    }
}
