package fr.numi.triage.support;

import fr.numi.triage.config.RulesFile;
import fr.numi.triage.qualification.domain.RuleSet;
import org.springframework.core.io.ClassPathResource;

/** The real, shipped rules file: unit tests check the rules people will actually get. */
public final class Rules {

    private static final RuleSet V1 = RulesFile.load(new ClassPathResource("triage/rules-v1.json"));

    private Rules() {}

    public static RuleSet v1() {
        return V1;
    }
}
