package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A word or phrase of the rules file, normalised. A trailing {@code *} makes the last word a prefix
 * ({@code imprim*} matches {@code imprime}, {@code imprimante}). A {@code #} stands for any one word
 * ({@code il y a # ans} matches {@code il y a 3 ans} and {@code il y a deux ans}). A single whole
 * word of seven letters or more also matches a word one typo away ({@code rancongicel} for
 * {@code rançongiciel}).
 *
 * @param term as written in the rules file, shown in reasons
 * @param words normalised words to find in sequence ({@link #ANY_WORD} for any word)
 * @param prefix whether the last word is a prefix
 * @param weight how much a match counts
 */
public record Keyword(String term, List<String> words, boolean prefix, double weight) {

    static final int MIN_LENGTH_FOR_TYPOS = 7;

    /** Stands for any one word inside a phrase. */
    static final String ANY_WORD = "#";

    public Keyword {
        words = List.copyOf(words);
    }

    /** Parses a term of the rules file; the words are empty when nothing is left after normalisation. */
    public static Keyword of(String term, double weight) {
        String raw = term == null ? "" : term.strip();
        boolean prefix = raw.endsWith("*");
        String body = prefix ? raw.substring(0, raw.length() - 1) : raw;
        List<String> words = new ArrayList<>();
        for (String part : body.split("\\s+")) {
            if (part.equals(ANY_WORD)) {
                words.add(ANY_WORD);
            } else {
                words.addAll(TextNormaliser.words(part));
            }
        }
        boolean onlyWildcards = words.stream().allMatch(ANY_WORD::equals);
        return new Keyword(raw, onlyWildcards ? List.of() : words, prefix, weight);
    }

    /** Whether this keyword is one whole word long enough to forgive a typo. */
    boolean toleratesTypos() {
        return words.size() == 1 && !prefix && words.get(0).length() >= MIN_LENGTH_FOR_TYPOS;
    }

    /** Whether this keyword occurs in the given normalised words. */
    boolean foundIn(List<String> text) {
        if (words.isEmpty()) {
            return false;
        }
        for (int start = 0; start + words.size() <= text.size(); start++) {
            if (matchesAt(text, start)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this keyword occurs in the given normalised words starting at {@code start}. */
    boolean matchesAt(List<String> text, int start) {
        return matchesAt(text, start, true);
    }

    /** Same, forgiving a typo on a long single word only when {@code typos}. */
    boolean matchesAt(List<String> text, int start, boolean typos) {
        if (start < 0 || start + words.size() > text.size()) {
            return false;
        }
        int last = words.size() - 1;
        for (int i = 0; i <= last; i++) {
            String expected = words.get(i);
            String actual = text.get(start + i);
            boolean ok;
            if (expected.equals(ANY_WORD)) {
                ok = true;
            } else if (i == last && prefix) {
                ok = actual.startsWith(expected);
            } else if (words.size() == 1 && typos && expected.length() >= MIN_LENGTH_FOR_TYPOS) {
                ok = actual.equals(expected) || withinOneEdit(expected, actual);
            } else {
                ok = actual.equals(expected);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Levenshtein distance of at most one (one letter missing, added or changed). */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < la && j < lb) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (la > lb) {
                i++;
            } else if (lb > la) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (la - i) + (lb - j) <= 1;
    }
}
