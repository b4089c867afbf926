package fr.numi.triage.config;

import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.TextAnalyzer;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.qualification.domain.TriageModel;
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

    /** Loaded and checked once at start-up: a bad or mismatched model file stops the service, naming the file and the fault. */
    @Bean
    TriageModel triageModel(TriageProperties properties, RuleSet rules) {
        TriageModel model = ModelFile.load(properties.model(), rules);
        log.info("triage model loaded version={} features={} rules={} source={}", model.version(),
                model.linear().rows().size(), model.rulesVersion(), properties.model().getDescription());
        return model;
    }

    @Bean
    TextAnalyzer textAnalyzer(RuleSet rules) {
        return new FrenchTextAnalyzer(rules.spellings());
    }

    @Bean
    Triage triage(RuleSet ruleSet, TriageModel model, TextAnalyzer analyzer, Clock clock) {
        return new Triage(ruleSet, model, analyzer, clock);
    }
}
