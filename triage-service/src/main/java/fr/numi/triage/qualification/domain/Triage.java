package fr.numi.triage.qualification.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides on a request: a learned model that reads the words and the explainable rules' signals, with
 * explicit guard rails around it.
 *
 * <ol>
 *   <li><b>Read</b> ({@link Reader}): input checks, the rules' verdict, the analysed words, the model features.
 *   <li><b>Cyber tier</b> from the model's cyber score (the mean of the level head's P(level 3) and the category
 *       head's P(a cyber category)) and the {@link DecisionPolicy}: emergency when the model is sure (and its tier
 *       head agrees), suspected from a lower threshold. <b>Guard rail:</b> explicit harm done or going on, as the
 *       rules read it, is never below suspected, and is an emergency from a lower cyber score.
 *   <li><b>Level</b>: 3 for any cyber tier; otherwise level 1 or 2 from the model, and level 2 when level 1 is
 *       not clearly more likely: doubt never sends someone to level 1.
 *   <li><b>Category</b>: the most likely category of the tier's kind (cyber or not).
 *   <li><b>Needs review</b> when the level or category probability is low, or the input is odd.
 *   <li><b>Guard rails after the model</b>: the red button is always an emergency (level 3, CRITICAL); a follow-up
 *       never lowers its ticket's level or tier; repeated contacts raise urgency.
 * </ol>
 *
 * Every step that counted is a reason; the model's reasons name the words that weighed most, as the model
 * knows them from its training data (never a word it has not seen there). Bad input (empty, huge, control
 * characters, mixed scripts, no Latin letters) gives a low-confidence decision to review, never an exception.
 */
public final class Triage {

    static final double NO_TEXT_CONFIDENCE = 0.1;
    static final double NO_SIGNAL_CONFIDENCE = 0.2;
    static final double ODD_INPUT_FACTOR = 0.7;
    static final int REASON_WORDS = 4;

    private final Reader reader;
    private final RuleSet rules;
    private final TriageModel model;
    private final Clock clock;
    /** Whether each category of the model (in its order) is a cyber one. */
    private final boolean[] cyberCategory;

    public Triage(RuleSet rules, TriageModel model, TextAnalyzer analyzer, Clock clock) {
        if (!rules.version().equals(model.rulesVersion())) {
            throw new IllegalArgumentException("the model " + model.version() + " was trained with rules " + model.rulesVersion()
                    + " but the rules are " + rules.version() + ": train it again (see docs/services/triage.md)");
        }
        this.rules = rules;
        this.model = model;
        this.reader = new Reader(new RuleEngine(rules), analyzer);
        this.clock = clock;
        List<String> ids = model.linear().categories();
        this.cyberCategory = new boolean[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            cyberCategory[k] = rules.category(ids.get(k)).map(Category::cyber).orElse(false);
        }
    }

    public String rulesVersion() {
        return rules.version();
    }

    public String modelVersion() {
        return model.version();
    }

    public RuleSet rules() {
        return rules;
    }

    public Reader reader() {
        return reader;
    }

    public Decision decide(Situation situation) {
        return decide(situation, PriorContacts.NONE);
    }

    public Decision decide(Situation situation, PriorContacts prior) {
        Reader.Reading reading = reader.read(situation.wording());
        RuleEngine.Verdict verdict = reading.rules();
        TextCheck check = reading.check();
        LinearModel linear = model.linear();
        DecisionPolicy policy = model.policy();
        LinearModel.Prediction p = linear.predict(reading.features());
        List<Reason> reasons = new ArrayList<>();

        boolean noText = reading.words() == 0;
        boolean noSignal = !noText && linear.knownWords(p) == 0 && verdict.category() == rules.fallback() && !verdict.cyber();
        CyberTier tier;
        int level;
        Category category;
        double confidence;
        boolean review;
        if (noText || noSignal) {
            tier = CyberTier.NONE;
            level = 2;
            category = rules.fallback();
            confidence = noText ? NO_TEXT_CONFIDENCE : NO_SIGNAL_CONFIDENCE;
            review = true;
            reasons.add(noText
                    ? new Reason("no-text", "message vide : rien à analyser, qualification par une personne", 0)
                    : new Reason("no-signal", "aucun mot connu du modèle ni des règles : qualification par une personne", 0));
        } else {
            double cyber = cyberScore(p);
            boolean guard = verdict.harmInProgress();
            if ((cyber >= policy.emergency() && p.emergency() >= policy.emergencyTier()) || (guard && cyber >= policy.guardEmergency())) {
                tier = CyberTier.EMERGENCY;
            } else if (cyber >= policy.suspected() || guard) {
                tier = CyberTier.SUSPECTED;
            } else {
                tier = CyberTier.NONE;
            }
            if (tier != CyberTier.NONE) {
                level = 3;
                category = best(p, true);
                confidence = cyber;
                review = false;
                reasons.add(new Reason("cyber:" + tier.name().toLowerCase(Locale.ROOT), (tier == CyberTier.EMERGENCY
                        ? "urgence cyber" : "suspicion cyber, à confirmer par le niveau 3 (aucun message alarmant envoyé)")
                        + " : probabilité cyber " + probability(cyber) + words(linear.towardsLevel(p, 3, REASON_WORDS), reading), round(cyber)));
                if (guard && cyber < (tier == CyberTier.EMERGENCY ? policy.emergency() : policy.suspected())) {
                    reasons.add(new Reason("guard:harm-in-progress", "règle explicite : préjudice subi ou en cours, jamais sous "
                            + (tier == CyberTier.EMERGENCY ? "l'urgence" : "la suspicion") + " cyber", verdict.strength()));
                }
            } else {
                double one = p.level(1);
                double two = p.level(2);
                level = one / (one + two) >= policy.levelOne() ? 1 : 2;
                category = best(p, false);
                confidence = p.level(level);
                review = confidence < policy.review();
                reasons.add(new Reason("level:" + level, (level == 1 ? "question ou premiers pas" : "problème technique")
                        + " : probabilité " + probability(p.level(level)) + words(linear.towardsLevel(p, level, REASON_WORDS), reading),
                        round(p.level(level))));
                if (level == 2 && one > two) {
                    reasons.add(new Reason("level:doubt", "niveau 1 pas assez probable (" + probability(one / (one + two))
                            + ") : le doute ne renvoie jamais au niveau 1", round(one / (one + two))));
                }
            }
            double categoryProbability = p.category()[linear.categories().indexOf(category.id())];
            review |= categoryProbability < policy.categoryReview();
            reasons.add(new Reason("category:" + category.id(), category.label() + " : probabilité " + probability(categoryProbability)
                    + words(linear.towardsCategory(p, category.id(), REASON_WORDS - 1), reading), round(categoryProbability)));
        }
        for (Reason r : verdict.reasons()) {
            reasons.add(r);
        }

        Urgency urgency = switch (tier) {
            case EMERGENCY -> category.urgency();
            case SUSPECTED -> Urgency.HIGH;
            case NONE -> level == 1 ? Urgency.LOW : category.urgency();
        };
        if (!verdict.urgencyRaisers().isEmpty() && level > 1) {
            urgency = urgency.raised();
            reasons.add(new Reason("urgency:raised", "urgence signalée : " + RuleEngine.quoted(verdict.urgencyRaisers()),
                    RuleEngine.sum(verdict.urgencyRaisers())));
        }
        if (!verdict.negated().isEmpty()) {
            reasons.add(new Reason("negated", "mots-clés niés, non comptés : " + RuleEngine.quoted(verdict.negated()), 0));
        }

        if (situation.redButton()) {
            if (tier == CyberTier.NONE) {
                category = verdict.category().cyber() ? verdict.category() : rules.redButton();
            }
            tier = CyberTier.EMERGENCY;
            level = 3;
            urgency = Urgency.CRITICAL;
            review = false;
            reasons.add(0, new Reason("red-button", "la personne a appuyé sur le bouton rouge (urgence cyber)", 1.0));
        }

        if (prior.followUp()) {
            if (prior.ticketLevel() > level || prior.ticketTier().compareTo(tier) > 0) {
                level = Math.max(level, prior.ticketLevel());
                if (prior.ticketTier().compareTo(tier) > 0) {
                    tier = prior.ticketTier();
                    level = 3;
                    category = rules.category(prior.ticketCategory()).filter(Category::cyber).orElse(rules.redButton());
                }
                reasons.add(new Reason("follow-up:level-kept", "suite d'un ticket déjà au niveau " + prior.ticketLevel()
                        + tierLabel(prior.ticketTier()) + " : un message de suite ne fait jamais baisser le niveau", prior.ticketLevel()));
            } else if (level > prior.ticketLevel()) {
                reasons.add(new Reason("follow-up:level-raised",
                        "suite d'un ticket au niveau " + prior.ticketLevel() + " : le nouveau message le fait monter", level));
            }
            if (prior.ticketUrgency() != null && prior.ticketUrgency().compareTo(urgency) > 0) {
                urgency = prior.ticketUrgency();
            }
        }
        if (prior.recentContacts() >= rules.repeatPolicy().atLeast()) {
            urgency = urgency.raised();
            reasons.add(new Reason("repeat-contact", prior.recentContacts() + " autres contacts de la même personne en moins de "
                    + rules.repeatPolicy().withinMinutes() + " min : priorité relevée", prior.recentContacts()));
        }

        if (check.truncated()) {
            confidence = Math.min(confidence, 0.5);
            review = true;
            reasons.add(new Reason("input:truncated", "texte très long : seuls le début et la fin ("
                    + TextCheck.MAX_CHARS + " caractères) ont été lus", 0));
        }
        if (check.controlCharacters()) {
            confidence *= ODD_INPUT_FACTOR;
            review = true;
            reasons.add(new Reason("input:control-characters", "caractères de contrôle ou invisibles retirés", 0));
        }
        if (check.mixedScripts()) {
            confidence *= ODD_INPUT_FACTOR;
            review = true;
            reasons.add(new Reason("input:mixed-scripts", "plusieurs alphabets mêlés (lettres trompeuses possibles)", 0));
        } else if (!check.latinLetters() && hasLetters(check.text())) {
            confidence = Math.min(confidence, NO_SIGNAL_CONFIDENCE);
            review = true;
            reasons.add(new Reason("input:unsupported-script", "texte dans un alphabet que triage ne lit pas", 0));
        }
        if (situation.redButton()) {
            confidence = 1.0;
            review = false;
        }
        if (review) {
            reasons.add(new Reason("needs-review", "triage n'est pas sûr du niveau ou de la catégorie : qualification par une personne",
                    round(confidence)));
        }
        return new Decision(level, urgency, category.id(), tier, review, round(confidence), reasons, rules.version(),
                model.version(), clock.instant());
    }

    /**
     * How likely the request is a cyber case, as two heads of the model see it: the mean of the level head's
     * P(level 3) and the category head's probability of a cyber category. The two heads learn from the same words
     * towards different labels, so they err on different requests; their mean separated cyber from other requests
     * better on the dev set and the retired blind test set than P(level 3) alone (docs/services/triage.md).
     */
    double cyberScore(LinearModel.Prediction p) {
        double[] categories = p.category();
        double cyberCategories = 0;
        for (int k = 0; k < categories.length; k++) {
            if (cyberCategory[k]) {
                cyberCategories += categories[k];
            }
        }
        return (p.cyber() + cyberCategories) / 2;
    }

    /** The most likely category among the cyber ones, or among the others. */
    private Category best(LinearModel.Prediction p, boolean cyber) {
        List<String> ids = model.linear().categories();
        Category best = null;
        double bestP = -1;
        for (Category c : rules.categories()) {
            int k = ids.indexOf(c.id());
            if (c.cyber() == cyber && k >= 0 && p.category()[k] > bestP) {
                best = c;
                bestP = p.category()[k];
            }
        }
        return best != null ? best : cyber ? rules.redButton() : rules.fallback();
    }

    /** The words of the request behind the features that weighed most (as written, accents and case aside). */
    private static String words(List<LinearModel.Contribution> contributions, Reader.Reading reading) {
        if (contributions.isEmpty()) {
            return "";
        }
        List<String> shown = new ArrayList<>();
        for (LinearModel.Contribution c : contributions) {
            String words = reading.shown(c.feature());
            if (words != null && !shown.contains(words)) {
                shown.add(words);
            }
        }
        return shown.isEmpty() ? "" : " ; mots qui ont pesé : " + shown.stream().map(w -> "« " + w + " »").collect(Collectors.joining(", "));
    }

    private static String tierLabel(CyberTier tier) {
        return switch (tier) {
            case EMERGENCY -> " (urgence cyber)";
            case SUSPECTED -> " (suspicion cyber)";
            case NONE -> "";
        };
    }

    /** « 0,93 »: two decimals, French comma (no String.format on the hot path). */
    private static String probability(double p) {
        long hundredths = Math.round(Math.max(0, Math.min(1, p)) * 100);
        return (hundredths / 100) + "," + (hundredths % 100 < 10 ? "0" : "") + (hundredths % 100);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static boolean hasLetters(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
