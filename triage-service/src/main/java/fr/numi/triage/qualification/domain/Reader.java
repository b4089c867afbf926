package fr.numi.triage.qualification.domain;

import java.util.List;

/**
 * Reads a text the one way both training and decisions read it: input checks, the rules' verdict, the
 * analysed words, the model features. Training and serving share this class, so a model never sees features
 * it was not trained on.
 */
public final class Reader {

    /**
     * @param check what was odd about the input (and the text actually read)
     * @param rules the rules' verdict
     * @param clauses the analysed words, clause by clause
     * @param features the model features, sorted
     */
    public record Reading(TextCheck check, RuleEngine.Verdict rules, List<List<TextAnalyzer.Term>> clauses, List<String> features) {

        /** The words of the text behind a word feature ({@code b:faux conseil} → « faux conseiller »), null if none. */
        public String shown(String feature) {
            for (List<TextAnalyzer.Term> clause : clauses) {
                String negation = null;
                int negatedUntil = -1;
                for (int i = 0; i < clause.size(); i++) {
                    TextAnalyzer.Term t = clause.get(i);
                    if (feature.equals(Features.WORD + t.stem())) {
                        return t.word();
                    }
                    if (i + 1 < clause.size() && feature.equals(Features.BIGRAM + t.stem() + " " + clause.get(i + 1).stem())) {
                        return t.word() + " " + clause.get(i + 1).word();
                    }
                    if (i <= negatedUntil && feature.equals(Features.NEGATED + t.stem())) {
                        return negation + " … " + t.word();
                    }
                    if (Features.NEGATIONS.contains(t.word())) {
                        negation = t.word();
                        negatedUntil = i + Features.NEGATION_SCOPE;
                    }
                }
            }
            return null;
        }

        /** How many analysed words the text has. */
        public int words() {
            int n = 0;
            for (List<TextAnalyzer.Term> clause : clauses) {
                n += clause.size();
            }
            return n;
        }
    }

    private final RuleEngine rules;
    private final TextAnalyzer analyzer;

    public Reader(RuleEngine rules, TextAnalyzer analyzer) {
        this.rules = rules;
        this.analyzer = analyzer;
    }

    public RuleEngine rules() {
        return rules;
    }

    public TextAnalyzer analyzer() {
        return analyzer;
    }

    public Reading read(String text) {
        TextCheck check = TextCheck.of(text);
        RuleEngine.Verdict verdict = rules.read(check.text());
        List<List<TextAnalyzer.Term>> clauses = analyzer.clauses(check.text());
        return new Reading(check, verdict, clauses, Features.of(clauses, verdict.features()));
    }

    /** The model features of a text (what training learns from). */
    public List<String> features(String text) {
        return read(text).features();
    }
}
