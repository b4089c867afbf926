package fr.numi.triage.qualification.domain;

/**
 * How the model's probabilities become a decision. Chosen on the dev sets, never on a blind test set still to be
 * scored, and shipped inside the model file so a model always travels with the thresholds it was measured with.
 * The cyber thresholds apply to the cyber score: the mean of P(level 3) and P(a cyber category) ({@link Triage}).
 *
 * @param suspected cyber score from which a request is at least a suspected cyber case (level 3, reviewed first)
 * @param emergency cyber score from which it is an emergency, if the tier head agrees ({@code emergencyTier})
 * @param emergencyTier P(emergency | cyber) the tier head must reach for a model-only emergency
 * @param guardEmergency cyber score from which explicit harm found by the rules makes an emergency (below it, the
 *     guard rail still makes it a suspected case)
 * @param levelOne share of level 1 in P(level 1) + P(level 2) below which a non-cyber request goes to level 2
 *     rather than level 1: low confidence never sends someone to level 1 by default
 * @param review probability of the chosen level below which the decision needs a human qualification
 * @param categoryReview probability of the chosen category below which the decision needs a human qualification
 */
public record DecisionPolicy(
        double suspected, double emergency, double emergencyTier, double guardEmergency, double levelOne, double review,
        double categoryReview) {

    public DecisionPolicy {
        check("suspected", suspected);
        check("emergency", emergency);
        check("emergencyTier", emergencyTier);
        check("guardEmergency", guardEmergency);
        check("levelOne", levelOne);
        check("review", review);
        check("categoryReview", categoryReview);
        if (suspected > emergency) {
            throw new IllegalArgumentException("suspected (" + suspected + ") must not be above emergency (" + emergency + ")");
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
