package fr.numi.triage.qualification.domain;

import java.util.List;

/**
 * Port: cuts a text into clauses (at punctuation) and each clause into analysed words, the way the
 * learned model was trained. The adapter ({@code qualification.analysis}) uses Lucene's French
 * analysis; the domain only sees words.
 */
public interface TextAnalyzer {

    /**
     * One analysed word.
     *
     * @param stem the word folded (lower case, no accents, elision removed) and lightly stemmed:
     *     what word features are made of
     * @param word the same word folded but not stemmed: what character n-grams are made of, and
     *     what a reason shows
     */
    record Term(String stem, String word) {}

    /** The clauses of a text, in order, each a non-empty list of terms; empty for a text with no words. */
    List<List<Term>> clauses(String text);
}
