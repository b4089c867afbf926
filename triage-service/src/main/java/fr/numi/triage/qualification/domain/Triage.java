package fr.numi.triage.qualification.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The first rule engine: scores every category by the weights of its keywords found in the text,
 * keeps the best (a cyber category wins a tie: safety first), then applies the red button and the
 * urgency raisers. Every step that counted is written into the decision's reasons.
 *
 * <p>Confidence: nothing recognised gives {@value #NO_SIGNAL_CONFIDENCE} ({@value #NO_TEXT_CONFIDENCE}
 * for an empty text); otherwise {@code 0.3 + 0.65 × strength × separation} where strength is
 * {@code top/(top+2)} (more evidence, more sure) and separation is {@code top/(top+runnerUp)} (a
 * close second category, less sure). A red button is the person's own declaration: 1.0.
 */
public final class Triage {

    static final double NO_TEXT_CONFIDENCE = 0.1;
    static final double NO_SIGNAL_CONFIDENCE = 0.2;

    private final RuleSet rules;
    private final Clock clock;

    public Triage(RuleSet rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public String rulesVersion() {
        return rules.version();
    }

    public Decision decide(Situation situation) {
        List<String> words = TextNormaliser.words(situation.wording());
        List<Score> scores = score(words);
        List<Reason> reasons = new ArrayList<>();

        Category category;
        double confidence;
        if (scores.isEmpty()) {
            category = rules.fallback();
            confidence = words.isEmpty() ? NO_TEXT_CONFIDENCE : NO_SIGNAL_CONFIDENCE;
            reasons.add(words.isEmpty()
                    ? new Reason("no-text", "message vide : rien à analyser", 0)
                    : new Reason("no-signal", "aucun mot-clé des règles reconnu", 0));
        } else {
            Score top = scores.get(0);
            double runnerUp = scores.size() > 1 ? scores.get(1).total() : 0;
            category = top.category();
            confidence = 0.3 + 0.65 * (top.total() / (top.total() + 2)) * (top.total() / (top.total() + runnerUp));
            reasons.add(top.reason("category:"));
            if (scores.size() > 1) {
                reasons.add(scores.get(1).reason("alternative:"));
            }
        }

        int level = category.level();
        boolean cyber = category.cyber();
        Urgency urgency = category.urgency();

        List<Keyword> raisers = rules.urgencyRaisers().stream().filter(k -> k.foundIn(words)).toList();
        if (!raisers.isEmpty()) {
            urgency = urgency.raised();
            reasons.add(new Reason("urgency:raised", "urgence signalée : " + quoted(raisers), sum(raisers)));
        }

        if (situation.redButton()) {
            if (!category.cyber()) {
                category = scores.stream().map(Score::category).filter(Category::cyber).findFirst().orElse(rules.redButton());
            }
            level = 3;
            cyber = true;
            urgency = Urgency.CRITICAL;
            confidence = 1.0;
            reasons.add(0, new Reason("red-button", "la personne a appuyé sur le bouton rouge (urgence cyber)", 1.0));
        }

        return new Decision(
                level, urgency, category.id(), cyber, Math.round(confidence * 100) / 100.0, reasons, rules.version(), clock.instant());
    }

    private List<Score> score(List<String> words) {
        List<Score> scores = new ArrayList<>();
        for (Category category : rules.categories()) {
            List<Keyword> matched = category.keywords().stream().filter(k -> k.foundIn(words)).toList();
            if (!matched.isEmpty()) {
                scores.add(new Score(category, matched, sum(matched)));
            }
        }
        // Stable sort: best total first, a cyber category before a harmless one on a tie, then file order.
        scores.sort(Comparator.comparingDouble(Score::total).reversed()
                .thenComparing(s -> !s.category().cyber()));
        return scores;
    }

    private static double sum(List<Keyword> keywords) {
        return keywords.stream().mapToDouble(Keyword::weight).sum();
    }

    private static String quoted(List<Keyword> keywords) {
        return keywords.stream().map(k -> "« " + k.term() + " »").collect(Collectors.joining(", "));
    }

    private record Score(Category category, List<Keyword> matched, double total) {

        Reason reason(String prefix) {
            return new Reason(prefix + category.id(), category.label() + " : mots-clés " + quoted(matched), total);
        }
    }
}
