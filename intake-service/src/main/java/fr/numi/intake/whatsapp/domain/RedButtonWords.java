package fr.numi.intake.whatsapp.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds a red-button keyword in what a person wrote, whatever the case or accents ("urgence", "Urgençe", "URGENCE !"). */
public final class RedButtonWords {

    private final Set<String> keywords;

    public RedButtonWords(List<String> keywords) {
        this.keywords = keywords.stream().map(RedButtonWords::fold).collect(Collectors.toUnmodifiableSet());
    }

    public boolean pressedIn(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return Arrays.stream(fold(text).split("[^A-Z0-9]+")).anyMatch(keywords::contains);
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT).strip();
    }
}
