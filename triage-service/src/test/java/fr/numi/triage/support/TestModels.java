package fr.numi.triage.support;

import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.qualification.domain.Category;
import fr.numi.triage.qualification.domain.DecisionPolicy;
import fr.numi.triage.qualification.domain.Features;
import fr.numi.triage.qualification.domain.LinearModel;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.TextAnalyzer;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.qualification.domain.TriageModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Small hand-written models over the shipped rules, to test how probabilities become decisions without depending
 * on what the trained model happens to weigh: each word gets the level, category and tier weights a test gives it.
 */
public final class TestModels {

    public static final DecisionPolicy POLICY = new DecisionPolicy(0.3, 0.8, 0.5, 0.5, 0.5, 0.5, 0.3);

    private final RuleSet rules = Rules.v1();
    private final TextAnalyzer analyzer = new FrenchTextAnalyzer(rules.spellings());
    private final List<String> categories = rules.categories().stream().map(Category::id).sorted().toList();
    private final List<LinearModel.Row> rows = new ArrayList<>();
    private double[] levelBias = {0, 0, 0};
    private DecisionPolicy policy = POLICY;

    public static TestModels model() {
        return new TestModels();
    }

    /** A word with level logits (1, 2, 3), the category it points to, and the tier logit (emergency vs suspected). */
    public TestModels word(String word, double l1, double l2, double l3, String category, double tier) {
        double[] c = new double[categories.size()];
        if (category != null) {
            c[categories.indexOf(category)] = 5;
        }
        String stem = analyzer.clauses(word).get(0).get(0).stem();
        rows.add(new LinearModel.Row(Features.WORD + stem, 1.0, new double[] {l1, l2, l3}, c, tier));
        return this;
    }

    public TestModels levelBias(double l1, double l2, double l3) {
        levelBias = new double[] {l1, l2, l3};
        return this;
    }

    public TestModels policy(DecisionPolicy policy) {
        this.policy = policy;
        return this;
    }

    public TriageModel build() {
        rows.sort((a, b) -> a.feature().compareTo(b.feature()));
        return new TriageModel(new LinearModel("test-model", categories, rows, levelBias, new double[categories.size()], 0), policy,
                rules.version());
    }

    public Triage triage(Clock clock) {
        return new Triage(rules, build(), analyzer, clock);
    }
}
