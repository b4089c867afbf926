package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The features the learned model reads, named so a reason can show them:
 *
 * <ul>
 *   <li>{@code w:<stem>}: a word ({@code w:virement});
 *   <li>{@code b:<stem> <stem>}: two words in a row within one clause ({@code b:faux conseil}): a pair never
 *       spans a comma or a full stop, so « je n'y comprends rien, j'ai donné » does not make « rien donn »;
 *   <li>{@code n:<stem>}: a word within {@value #NEGATION_SCOPE} words after a negation in the same clause
 *       (« je n'ai pas <u>cliqué</u> », « I didn't <u>pay</u> »);
 *   <li>{@code r:…}: what the explainable rules saw ({@link RuleEngine}): the model learns how far to trust them.
 * </ul>
 *
 * Presence only (a feature counts once per text), sorted, so the same text always gives the same features in
 * the same order. Letter n-grams were measured and left out: on the dev set they lowered level accuracy
 * (stemming, the spelling table and the rules' one-typo matching already absorb most typos).
 */
public final class Features {

    public static final String WORD = "w:";
    public static final String BIGRAM = "b:";
    public static final String NEGATED = "n:";
    static final int NEGATION_SCOPE = 3;

    /** Words that negate what follows, folded as the analyzer gives them. */
    static final Set<String> NEGATIONS = Set.of("pas", "jamais", "rien", "aucun", "aucune", "ni", "sans", "not", "never",
            "no", "nothing", "without", "didn't", "don't", "doesn't", "isn't", "wasn't", "haven't", "hasn't", "can't",
            "won't", "didnt", "dont", "doesnt", "isnt", "wasnt", "havent", "cant", "wont");

    private Features() {}

    /** The features of an analysed text and of the rules' verdict on it, sorted. */
    public static List<String> of(List<List<TextAnalyzer.Term>> clauses, List<String> ruleFeatures) {
        Set<String> features = new TreeSet<>(ruleFeatures);
        for (List<TextAnalyzer.Term> clause : clauses) {
            int negatedUntil = -1;
            for (int i = 0; i < clause.size(); i++) {
                TextAnalyzer.Term term = clause.get(i);
                features.add(WORD + term.stem());
                if (i <= negatedUntil) {
                    features.add(NEGATED + term.stem());
                }
                if (NEGATIONS.contains(term.word())) {
                    negatedUntil = i + NEGATION_SCOPE;
                }
                if (i + 1 < clause.size()) {
                    features.add(BIGRAM + term.stem() + " " + clause.get(i + 1).stem());
                }
            }
        }
        return new ArrayList<>(features);
    }

    /** Whether a feature is made of the person's words (as opposed to the rules'): only those are shown as « mots qui ont pesé ». */
    public static boolean isWords(String feature) {
        return feature.startsWith(WORD) || feature.startsWith(BIGRAM) || feature.startsWith(NEGATED);
    }
}
