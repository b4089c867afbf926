package fr.numi.triage.qualification.analysis;

import fr.numi.triage.qualification.domain.TextAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemmer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * French analysis with Lucene (analysis-common 9.12): the standard tokenizer, elision removed
 * ({@code l'}, {@code j'}, {@code qu'}…), lower case, ASCII folding (accents, ligatures), then, in
 * this class, a letter written three times or more kept once ({@code urgeeent}), SMS spellings
 * replaced ({@code mdp} → {@code mot de passe}), one-letter leftovers, emoji and symbols dropped, and Lucene's light
 * French stemmer ({@code paiements} → {@code paiement}, {@code arnaquée} → {@code arnaqu}).
 *
 * <p>A clause ends at {@code . , ; : ! ?}, an ellipsis or a line break (not at a comma or point
 * between digits: « 1,99 »). No stop words are removed: « pas », « jamais », « rien » carry meaning
 * here. Thread-safe: Lucene's analyzer keeps one token stream per thread.
 */
public final class FrenchTextAnalyzer implements TextAnalyzer {

    private static final int MAX_CHARS = 40_000;
    /** Stateless: {@code stem} only works on the buffer it is given. */
    private static final FrenchLightStemmer STEMMER = new FrenchLightStemmer();

    private final Map<String, List<String>> spellings;
    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ElisionFilter(tokenizer, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    /** @param spellings a word (folded) → the words it stands for (folded), e.g. {@code mdp} → {@code [mot, de, passe]} */
    public FrenchTextAnalyzer(Map<String, List<String>> spellings) {
        this.spellings = Map.copyOf(spellings);
    }

    @Override
    public List<List<Term>> clauses(String text) {
        List<List<Term>> clauses = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return clauses;
        }
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        // One pass of the tokenizer over the whole text; a clause ends where the gap between two words holds
        // clause punctuation (a comma inside « 1,99 » is inside a token, so it never ends a clause).
        List<Term> clause = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", bounded)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int previousEnd = 0;
            while (stream.incrementToken()) {
                if (breaksClause(bounded, previousEnd, offset.startOffset()) && !clause.isEmpty()) {
                    clauses.add(clause);
                    clause = new ArrayList<>();
                }
                previousEnd = offset.endOffset();
                String token = calm(term.toString());
                List<String> spelt = spellings.get(token);
                if (spelt == null) {
                    add(token, clause);
                } else {
                    for (String word : spelt) {
                        add(word, clause);
                    }
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        if (!clause.isEmpty()) {
            clauses.add(clause);
        }
        return clauses;
    }

    private static boolean breaksClause(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
            switch (text.charAt(i)) {
                case '.', ',', ';', ':', '!', '?', '…', '\n', '\r' -> {
                    return true;
                }
                default -> {
                    // not a clause break
                }
            }
        }
        return false;
    }

    /** A letter written three times or more in a row kept once (« urgeeent »). */
    private static String calm(String token) {
        int n = token.length();
        boolean repeated = false;
        for (int i = 2; i < n && !repeated; i++) {
            repeated = token.charAt(i) == token.charAt(i - 1) && token.charAt(i) == token.charAt(i - 2) && Character.isLetter(token.charAt(i));
        }
        if (!repeated) {
            return token;
        }
        StringBuilder b = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = token.charAt(i);
            int run = 1;
            while (i + run < n && token.charAt(i + run) == c) {
                run++;
            }
            if (run >= 3 && Character.isLetter(c)) {
                b.append(c);
            } else {
                b.append(token, i, i + run);
            }
            i += run;
        }
        return b.toString();
    }

    private static void add(String word, List<Term> terms) {
        if (word.length() < 2 && !word.equals("a") && !word.equals("y") && !Character.isDigit(word.charAt(0))) {
            return;
        }
        if (word.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return; // emoji and symbols: not words
        }
        char[] buffer = word.toCharArray();
        int length = STEMMER.stem(buffer, buffer.length);
        terms.add(new Term(new String(buffer, 0, length), word));
    }
}
