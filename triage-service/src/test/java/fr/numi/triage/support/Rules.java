package fr.numi.triage.support;

import fr.numi.triage.config.ModelFile;
import fr.numi.triage.config.RulesFile;
import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.qualification.domain.TriageModel;
import java.time.Clock;
import org.springframework.core.io.ClassPathResource;

/** The real, shipped rules and model: unit tests check the decisions people will actually get. */
public final class Rules {

    private static final RuleSet V1 = RulesFile.load(new ClassPathResource("triage/rules-v1.json"));
    private static final TriageModel MODEL = ModelFile.load(new ClassPathResource("triage/model-v1.json"), V1);

    private Rules() {}

    public static RuleSet v1() {
        return V1;
    }

    public static TriageModel model() {
        return MODEL;
    }

    /** The shipped rules and model, deciding at the clock's time. */
    public static Triage triage(Clock clock) {
        return new Triage(V1, MODEL, new FrenchTextAnalyzer(V1.spellings()), clock);
    }
}
