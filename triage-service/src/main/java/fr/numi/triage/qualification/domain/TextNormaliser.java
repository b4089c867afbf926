package fr.numi.triage.qualification.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts text in the one form rules are matched against, with the JDK's Unicode tools: format
 * characters (zero-width spaces…) removed, NFKD (compatibility forms such as full-width letters or
 * {@code ﬁ} spelt plainly), accents stripped (combining marks removed), lower case, ligatures
 * spelt out, a letter written three times or more kept once ({@code urgeeent}), every run of
 * punctuation, emoji or spaces made one space. So {@code "ARNAQUÉ !!"}, {@code "arnaqué"} and
 * {@code "arnaque"} read the same.
 */
public final class TextNormaliser {

    private static final Pattern FORMAT_CHARACTERS = Pattern.compile("[\\p{Cf}&&[^\\u200D]]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern LONG_LETTER_RUNS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Punctuation that ends a clause: . , ; : ! ? … and line breaks (not a comma or point between digits: « 1,99 »). */
    private static final Pattern CLAUSE_PUNCTUATION = Pattern.compile("(?<!\\d)[.,](?!\\d)|[;:!?…\\n\\r]+");

    /**
     * Stands between the words of two clauses in {@link #words(String, Map)}: no keyword contains it, and a negation
     * does not reach past it (« je n'y comprends rien, j'ai donné mon code »: « donné » is not negated).
     */
    public static final String CLAUSE_BREAK = ",";

    private TextNormaliser() {}

    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String visible = FORMAT_CHARACTERS.matcher(text).replaceAll("");
        String decomposed = Normalizer.normalize(visible, Normalizer.Form.NFKD);
        String plain = COMBINING_MARKS.matcher(decomposed).replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace("œ", "oe")
                .replace("æ", "ae")
                .replace("ß", "ss")
                .replace("ø", "o")
                .replace("ł", "l");
        String calm = LONG_LETTER_RUNS.matcher(plain).replaceAll("$1");
        return NOT_LETTER_OR_DIGIT.matcher(calm).replaceAll(" ").strip();
    }

    /**
     * The normalised words of a text; empty for blank text. A plural {@code s} is folded away on
     * words of five letters or more ({@code paiements} reads {@code paiement}), except after
     * {@code s} or {@code u} ({@code access}, {@code virus}): keywords are folded the same way.
     */
    public static List<String> words(String text) {
        String normalised = normalise(text);
        if (normalised.isEmpty()) {
            return List.of();
        }
        String[] words = normalised.split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = folded(words[i]);
        }
        return List.of(words);
    }

    private static String folded(String word) {
        int n = word.length();
        if (n >= 5 && word.charAt(n - 1) == 's') {
            char before = word.charAt(n - 2);
            if (before != 's' && before != 'u') {
                return word.substring(0, n - 1);
            }
        }
        return word;
    }

    /**
     * The normalised words with spelling variants replaced ({@code mdp} → {@code mot de passe},
     * {@code jai} → {@code j ai}); the variants are keyed by one normalised word. Clauses are
     * separated by {@link #CLAUSE_BREAK}.
     */
    public static List<String> words(String text, Map<String, List<String>> spellings) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return words;
        }
        for (String clause : CLAUSE_PUNCTUATION.split(text)) {
            List<String> raw = words(clause);
            if (raw.isEmpty()) {
                continue;
            }
            if (!words.isEmpty()) {
                words.add(CLAUSE_BREAK);
            }
            for (int i = 0; i < raw.size(); i++) {
                String word = raw.get(i);
                List<String> replacement = spellings.get(word);
                // « c » is « c est » in SMS, but « c'est » already reads « c est »: don't make it « c est est ».
                boolean alreadySpelt = replacement != null && replacement.size() > 1 && i + 1 < raw.size()
                        && replacement.get(1).equals(raw.get(i + 1));
                if (replacement == null || alreadySpelt) {
                    words.add(word);
                } else {
                    words.addAll(replacement);
                }
            }
        }
        return words;
    }
}
