package fr.numi.triage.qualification.domain;

import java.util.Objects;

/**
 * The learned model as shipped: its weights, the decision thresholds chosen with it, and the rules version
 * whose signals it was trained on (the rules give it features, so the two must match).
 *
 * @param linear the three logistic regressions
 * @param policy the thresholds that turn probabilities into a decision
 * @param rulesVersion the {@code version} of the rules file it was trained with
 */
public record TriageModel(LinearModel linear, DecisionPolicy policy, String rulesVersion) {

    public TriageModel {
        Objects.requireNonNull(linear, "linear");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(rulesVersion, "rulesVersion");
    }

    public String version() {
        return linear.version();
    }
}
