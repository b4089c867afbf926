package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The explainable rules ({@code rules-v1.json}). Reads the text once against every keyword of the rule set,
 * then:
 *
 * <ol>
 *   <li>scores each category by the weights of its keywords found (a keyword preceded by a negation in the
 *       same clause, such as « je n'ai pas cliqué », does not count; a clause ends at punctuation, at « mais »,
 *       « et »…, and where a new subject starts: « je », « on », « il »…);
 *   <li>a cyber category is a candidate when its score, plus the strongest « harm done » or « going on »
 *       signal, reaches the rule set's {@code cyberThreshold}: one weak word such as « virement » is not enough;
 *   <li>a cyber candidate is taken as a safety question instead when the person asks for advice or speaks of
 *       a long-past incident and says nothing of harm done;
 *   <li>otherwise the best cyber candidate wins, else the best other category, else the fallback; how-to words
 *       make a non-cyber category level 1 and problem words level 2.
 * </ol>
 *
 * Its verdict has two uses in {@link Triage}: a guard rail (a cyber candidate with explicit harm done or going
 * on is never below a suspected cyber case), and features for the learned model ({@code r:…}), which learns how
 * far to trust each rule.
 */
public final class RuleEngine {

    /** Safety-question words must add up to this to count (« c'est quoi » alone does not). */
    static final double SAFETY_QUESTION_WEIGHT = 1.0;

    /**
     * A « going on » term must weigh this much to make the guard rail: « en ce moment », « il me demande », « threatening »
     * say that harm is going on; a plain time word (« hier », « ce matin », « last week », weight 1) says only when, and
     * still counts towards a cyber candidate and against a long-past incident.
     */
    static final double GOING_ON_WEIGHT = 1.5;

    /** Prefix of the features the rules give the model. */
    public static final String FEATURE = "r:";

    private final RuleSet rules;

    public RuleEngine(RuleSet rules) {
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * What the rules make of a text.
     *
     * @param level 1–3, 3 for a cyber candidate
     * @param category the category the rules chose
     * @param cyber the rules chose a cyber candidate
     * @param harmInProgress a cyber candidate and explicit harm done or going on (not negated, not advice): the guard rail
     * @param strength the winning score (0 when nothing was recognised)
     * @param words the normalised words read ({@code ,} between clauses)
     * @param reasons what fired, with the rule terms (never the person's own words)
     * @param urgencyRaisers the urgency words found
     * @param negated the rule terms found but cancelled by a negation
     * @param features the verdict as model features, sorted
     */
    public record Verdict(
            int level,
            Category category,
            boolean cyber,
            boolean harmInProgress,
            double strength,
            List<String> words,
            List<Reason> reasons,
            List<Keyword> urgencyRaisers,
            List<Keyword> negated,
            List<String> features) {}

    public Verdict read(String text) {
        List<String> words = rules.words(text);
        Lexicon.Hits hits = rules.read(words);
        List<Reason> reasons = new ArrayList<>();
        List<String> features = new ArrayList<>();

        double harm = Math.max(hits.maxWeight(rules.group(Signal.HARM_DONE)), hits.maxWeight(rules.group(Signal.ONGOING)));
        boolean ongoing = !hits.found(rules.group(Signal.ONGOING)).isEmpty();
        boolean safetyQuestion = hits.weight(rules.group(Signal.SAFETY_QUESTION)) >= SAFETY_QUESTION_WEIGHT;
        boolean pastIncident = !hits.found(rules.group(Signal.PAST_INCIDENT)).isEmpty();
        // A question with no harm done, or a long-past incident with nothing going on now: advice, not an emergency.
        boolean advice = (safetyQuestion && harm == 0) || (pastIncident && !ongoing);

        List<Score> cyber = new ArrayList<>();
        List<Score> other = new ArrayList<>();
        for (Category category : rules.categories()) {
            List<Keyword> found = hits.found(rules.group(category));
            if (!found.isEmpty()) {
                features.add(FEATURE + "keywords:" + category.id());
                double total = sum(found);
                if (category.cyber()) {
                    cyber.add(new Score(category, found, total + harm));
                } else {
                    other.add(new Score(category, found, total));
                }
            }
            if (!hits.negated(rules.group(category)).isEmpty()) {
                features.add(FEATURE + "negated:" + category.id());
            }
        }
        for (Signal signal : Signal.values()) {
            if (!hits.found(rules.group(signal)).isEmpty()) {
                features.add(FEATURE + signal.key());
            }
            if (!hits.negated(rules.group(signal)).isEmpty()) {
                features.add(FEATURE + "negated:" + signal.key());
            }
        }
        Comparator<Score> best = Comparator.comparingDouble(Score::total).reversed();
        cyber.sort(best);
        other.sort(best);
        List<Score> candidates = cyber.stream().filter(s -> s.total() >= rules.cyberThreshold()).toList();

        Category category;
        int level = 1;
        boolean isCyber = false;
        boolean harmInProgress = false;
        double strength = 0;
        if (!candidates.isEmpty() && !advice) {
            Score top = candidates.get(0);
            category = top.category();
            strength = top.total();
            reasons.add(top.reason("rules:category:"));
            if (!hits.found(rules.group(Signal.HARM_DONE)).isEmpty()) {
                reasons.add(signalReason(Signal.HARM_DONE, "rules:harm-done", "préjudice subi : ", hits));
                harmInProgress = true;
            }
            if (ongoing) {
                reasons.add(signalReason(Signal.ONGOING, "rules:ongoing", "en cours ou tout récent : ", hits));
                harmInProgress |= hits.maxWeight(rules.group(Signal.ONGOING)) >= GOING_ON_WEIGHT;
            }
            level = 3;
            isCyber = true;
            features.add(FEATURE + "cyber-candidate");
            if (harmInProgress) {
                features.add(FEATURE + "harm-in-progress");
            }
        } else {
            boolean question = !candidates.isEmpty() || ((safetyQuestion || pastIncident) && !cyber.isEmpty());
            double howTo = hits.weight(rules.group(Signal.HOW_TO)) + hits.weight(rules.group(Signal.SAFETY_QUESTION));
            double problem = hits.weight(rules.group(Signal.PROBLEM));
            if (question) {
                category = rules.question();
                reasons.add(new Reason("rules:category:" + category.id(), category.label(), 0));
                if (pastIncident) {
                    reasons.add(signalReason(Signal.PAST_INCIDENT, "rules:past-incident",
                            "incident ancien, sans préjudice en cours : ", hits));
                }
                if (safetyQuestion) {
                    reasons.add(signalReason(Signal.SAFETY_QUESTION, "rules:safety-question",
                            "question de prévention, pas d'incident décrit : ", hits));
                }
                reasons.add(cyber.get(0).reason("rules:not-cyber:"));
                features.add(FEATURE + "advice");
                level = category.level();
            } else if (!other.isEmpty()) {
                Score top = other.get(0);
                category = top.category();
                strength = top.total();
                reasons.add(top.reason("rules:category:"));
                if (!cyber.isEmpty()) {
                    reasons.add(cyber.get(0).reason("rules:below-cyber-threshold:"));
                    features.add(FEATURE + "below-cyber-threshold");
                }
            } else {
                category = rules.fallback();
                if (!cyber.isEmpty()) {
                    features.add(FEATURE + "below-cyber-threshold");
                }
            }
            if (!question) {
                level = category.level();
                if (problem > howTo) {
                    level = Math.max(2, level);
                    reasons.add(signalReason(Signal.PROBLEM, "rules:problem", "problème décrit : ", hits));
                } else if (howTo > 0) {
                    level = 1;
                    reasons.add(signalReason(Signal.HOW_TO, "rules:how-to", "question pratique ou premiers pas : ", hits));
                }
            }
        }
        List<Keyword> negated = new ArrayList<>();
        for (Category c : rules.categories()) {
            negated.addAll(hits.negated(rules.group(c)));
        }
        negated.addAll(hits.negated(rules.group(Signal.HARM_DONE)));
        negated.addAll(hits.negated(rules.group(Signal.ONGOING)));
        features.add(FEATURE + "level:" + level);
        features.add(FEATURE + "category:" + category.id());
        features.sort(null);
        return new Verdict(level, category, isCyber, harmInProgress, strength, words, reasons,
                hits.found(rules.group(Signal.URGENCY)), negated, List.copyOf(features));
    }

    private Reason signalReason(Signal signal, String name, String detail, Lexicon.Hits hits) {
        List<Keyword> found = hits.found(rules.group(signal));
        return new Reason(name, detail + quoted(found), sum(found));
    }

    static double sum(List<Keyword> keywords) {
        double sum = 0;
        for (Keyword k : keywords) {
            sum += k.weight();
        }
        return sum;
    }

    static String quoted(List<Keyword> keywords) {
        return keywords.stream().map(k -> "« " + k.term() + " »").collect(Collectors.joining(", "));
    }

    private record Score(Category category, List<Keyword> matched, double total) {

        Reason reason(String prefix) {
            return new Reason(prefix + category.id(), category.label() + " : mots-clés " + quoted(matched), total);
        }
    }
}
