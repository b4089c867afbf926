package fr.numi.triage.qualification.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts text in the one form rules are matched against: accents stripped (NFD then combining marks
 * removed), lower case, ligatures spelt out, every run of punctuation or spaces made one space. So
 * {@code "ARNAQUÉ !!"}, {@code "arnaqué"} and {@code "arnaque"} read the same.
 */
public final class TextNormaliser {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormaliser() {}

    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = COMBINING_MARKS.matcher(decomposed).replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace("œ", "oe")
                .replace("æ", "ae")
                .replace("ß", "ss");
        return NOT_LETTER_OR_DIGIT.matcher(plain).replaceAll(" ").strip();
    }

    /** The normalised words of a text; empty for blank text. */
    public static List<String> words(String text) {
        String normalised = normalise(text);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split(" "));
    }
}
