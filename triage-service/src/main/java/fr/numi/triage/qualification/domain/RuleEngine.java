package fr.numi.triage.qualification.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rule engine. Reads the text once against every keyword of the rule set, then:
 *
 * <ol>
 *   <li>scores each category by the weights of its keywords found (a keyword preceded by a negation
 *       such as « je n'ai pas cliqué » does not count);
 *   <li>a cyber category is a candidate when its score, plus the strongest « harm done » signal
 *       (« j'ai payé », « en ce moment »), reaches the rule set's {@code cyberThreshold}: one weak
 *       word such as « virement » is not enough;
 *   <li>a cyber candidate is taken as a safety question instead when the person asks for advice or
 *       speaks of a long-past incident and says nothing of harm done: level 1, not cyber;
 *   <li>otherwise the best cyber candidate wins (safety first), else the best other category, else
 *       the fallback. For a non-cyber category, how-to words make it level 1 and problem words
 *       level 2 or more;
 *   <li>urgency words raise urgency one step; the red button makes it level 3, cyber, CRITICAL;
 *       a follow-up keeps the ticket's level, cyber flag and urgency if they were higher; repeated
 *       contacts raise urgency one step.
 * </ol>
 *
 * Every step that counted is a reason. Bad input (empty, huge, control characters, mixed scripts)
 * gives a low-confidence decision with a reason, never an exception.
 */
public final class Triage {

    static final double NO_TEXT_CONFIDENCE = 0.1;
    static final double NO_SIGNAL_CONFIDENCE = 0.2;
    static final double ODD_INPUT_FACTOR = 0.7;
    /** Safety-question words must add up to this to count (« c'est quoi » alone does not). */
    static final double SAFETY_QUESTION_WEIGHT = 1.0;

    private final RuleSet rules;
    private final Clock clock;

    public Triage(RuleSet rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public String rulesVersion() {
        return rules.version();
    }

    public RuleSet rules() {
        return rules;
    }

    public Decision decide(Situation situation) {
        return decide(situation, PriorContacts.NONE);
    }

    public Decision decide(Situation situation, PriorContacts prior) {
        TextCheck check = TextCheck.of(situation.wording());
        List<String> words = rules.words(check.text());
        Lexicon.Hits hits = rules.read(words);
        List<Reason> reasons = new ArrayList<>();

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
                double total = sum(found);
                if (category.cyber()) {
                    cyber.add(new Score(category, found, total + harm));
                } else {
                    other.add(new Score(category, found, total));
                }
            }
        }
        Comparator<Score> best = Comparator.comparingDouble(Score::total).reversed();
        cyber.sort(best);
        other.sort(best);
        List<Score> candidates = cyber.stream().filter(s -> s.total() >= rules.cyberThreshold()).toList();

        Category category;
        double confidence;
        int level = 1;
        Urgency urgency;
        boolean isCyber;
        if (!candidates.isEmpty() && !advice) {
            Score top = candidates.get(0);
            double runnerUp = candidates.size() > 1 ? candidates.get(1).total()
                    : other.isEmpty() ? 0 : other.get(0).total() / 2;
            category = top.category();
            confidence = confidence(top.total(), runnerUp);
            reasons.add(top.reason("category:"));
            if (!hits.found(rules.group(Signal.HARM_DONE)).isEmpty()) {
                reasons.add(signalReason(Signal.HARM_DONE, "context:harm-done", "préjudice subi : ", hits));
            }
            if (ongoing) {
                reasons.add(signalReason(Signal.ONGOING, "context:ongoing", "en cours ou tout récent : ", hits));
            }
            if (candidates.size() > 1) {
                reasons.add(candidates.get(1).reason("alternative:"));
            }
            level = 3;
            isCyber = true;
            urgency = category.urgency();
        } else {
            boolean question = !candidates.isEmpty() || ((safetyQuestion || pastIncident) && !cyber.isEmpty());
            double howTo = hits.weight(rules.group(Signal.HOW_TO)) + hits.weight(rules.group(Signal.SAFETY_QUESTION));
            double problem = hits.weight(rules.group(Signal.PROBLEM));
            if (question) {
                category = rules.question();
                Score top = cyber.get(0);
                confidence = 0.6;
                reasons.add(new Reason("category:" + category.id(), category.label(), 0));
                if (pastIncident) {
                    reasons.add(signalReason(Signal.PAST_INCIDENT, "context:past-incident",
                            "incident ancien, sans préjudice en cours : ", hits));
                }
                if (safetyQuestion) {
                    reasons.add(signalReason(Signal.SAFETY_QUESTION, "context:safety-question",
                            "question de prévention, pas d'incident décrit : ", hits));
                }
                reasons.add(top.reason("not-cyber:"));
                level = category.level();
            } else if (!other.isEmpty()) {
                Score top = other.get(0);
                category = top.category();
                confidence = confidence(top.total(), other.size() > 1 ? other.get(1).total() : 0);
                reasons.add(top.reason("category:"));
                if (other.size() > 1) {
                    reasons.add(other.get(1).reason("alternative:"));
                }
                if (!cyber.isEmpty()) {
                    reasons.add(cyber.get(0).reason("below-cyber-threshold:"));
                }
            } else {
                category = rules.fallback();
                confidence = words.isEmpty() ? NO_TEXT_CONFIDENCE : NO_SIGNAL_CONFIDENCE;
                reasons.add(words.isEmpty()
                        ? new Reason("no-text", "message vide : rien à analyser", 0)
                        : new Reason("no-signal", "aucun mot-clé des règles reconnu", 0));
            }
            if (!question) {
                level = category.level();
                if (problem > howTo) {
                    level = Math.max(2, level);
                    reasons.add(signalReason(Signal.PROBLEM, "intent:problem", "problème décrit : ", hits));
                } else if (howTo > 0) {
                    level = 1;
                    reasons.add(signalReason(Signal.HOW_TO, "intent:how-to", "question pratique ou premiers pas : ", hits));
                }
            }
            isCyber = false;
            urgency = level == 1 ? Urgency.LOW : category.urgency();
        }

        List<Keyword> raisers = hits.found(rules.group(Signal.URGENCY));
        if (!raisers.isEmpty()) {
            urgency = urgency.raised();
            reasons.add(new Reason("urgency:raised", "urgence signalée : " + quoted(raisers), sum(raisers)));
        }
        List<Keyword> negated = new ArrayList<>();
        for (Category c : rules.categories()) {
            negated.addAll(hits.negated(rules.group(c)));
        }
        negated.addAll(hits.negated(rules.group(Signal.HARM_DONE)));
        negated.addAll(hits.negated(rules.group(Signal.ONGOING)));
        if (!negated.isEmpty()) {
            reasons.add(new Reason("negated", "mots-clés niés, non comptés : " + quoted(negated), 0));
        }

        if (situation.redButton()) {
            if (!isCyber) {
                category = cyber.isEmpty() ? rules.redButton() : cyber.get(0).category();
            }
            level = 3;
            isCyber = true;
            urgency = Urgency.CRITICAL;
            confidence = 1.0;
            reasons.add(0, new Reason("red-button", "la personne a appuyé sur le bouton rouge (urgence cyber)", 1.0));
        }

        if (prior.followUp()) {
            if (prior.ticketLevel() > level || (prior.ticketCyber() && !isCyber)) {
                level = Math.max(level, prior.ticketLevel());
                if (prior.ticketCyber() && !isCyber) {
                    isCyber = true;
                    category = rules.category(prior.ticketCategory()).filter(Category::cyber).orElse(rules.redButton());
                }
                reasons.add(new Reason("follow-up:level-kept",
                        "suite d'un ticket déjà au niveau " + prior.ticketLevel() + (prior.ticketCyber() ? " (urgence cyber)" : "")
                                + " : un message de suite ne fait jamais baisser le niveau", prior.ticketLevel()));
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
            reasons.add(new Reason("input:truncated", "texte très long : seuls le début et la fin ("
                    + TextCheck.MAX_CHARS + " caractères) ont été lus", 0));
        }
        if (check.controlCharacters()) {
            confidence *= ODD_INPUT_FACTOR;
            reasons.add(new Reason("input:control-characters", "caractères de contrôle ou invisibles retirés", 0));
        }
        if (check.mixedScripts()) {
            confidence *= ODD_INPUT_FACTOR;
            reasons.add(new Reason("input:mixed-scripts", "plusieurs alphabets mêlés (lettres trompeuses possibles)", 0));
        } else if (!words.isEmpty() && !check.latinLetters() && hasLetters(words)) {
            confidence = Math.min(confidence, NO_SIGNAL_CONFIDENCE);
            reasons.add(new Reason("input:unsupported-script", "texte dans un alphabet que les règles ne couvrent pas", 0));
        }
        if (situation.redButton()) {
            confidence = 1.0;
        }
        return new Decision(level, urgency, category.id(), isCyber, Math.round(confidence * 100) / 100.0, reasons,
                rules.version(), clock.instant());
    }

    /** {@code 0.3 + 0.65 × strength × separation}: more evidence, more sure; a close second, less sure. */
    private static double confidence(double top, double runnerUp) {
        return 0.3 + 0.65 * (top / (top + 2)) * (top / (top + runnerUp));
    }

    private static boolean hasLetters(List<String> words) {
        for (String w : words) {
            for (int i = 0; i < w.length(); i++) {
                if (Character.isLetter(w.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Reason signalReason(Signal signal, String name, String detail, Lexicon.Hits hits) {
        List<Keyword> found = hits.found(rules.group(signal));
        return new Reason(name, detail + quoted(found), sum(found));
    }

    private static double sum(List<Keyword> keywords) {
        double sum = 0;
        for (Keyword k : keywords) {
            sum += k.weight();
        }
        return sum;
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
