package fr.numi.urgency.emergency.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Infers the incident type from the person's words and triage's category. A triage category that names
 * a type exactly wins; otherwise the text's best keyword score (the first profile wins a tie); then the
 * category's fallback ("scam" points to a phishing link); then {@link IncidentType#OTHER}. The last
 * two are defaults: the person's words, when they come, replace them.
 */
public final class IncidentClassifier {

    /** What the classifier concluded, and from what. */
    public record Inference(IncidentType type, IncidentTypeSource source) {}

    private final List<IncidentProfile> profiles;
    private final Map<String, IncidentType> categoryFallbacks;

    public IncidentClassifier(List<IncidentProfile> profiles, Map<String, IncidentType> categoryFallbacks) {
        this.profiles = List.copyOf(profiles);
        this.categoryFallbacks = Map.copyOf(categoryFallbacks);
    }

    /** The type the text points to, empty when no keyword matches. */
    public Optional<IncidentType> fromText(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalised = " " + normalise(text) + " ";
        IncidentType best = null;
        int bestScore = 0;
        for (IncidentProfile profile : profiles) {
            int score = 0;
            for (String keyword : profile.keywords()) {
                if (matches(normalised, keyword)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best = profile.type();
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Combines triage's category (may be null) and the text's hint (may be null). */
    public Inference infer(IncidentType textHint, String triageCategory) {
        if (triageCategory != null) {
            for (IncidentProfile profile : profiles) {
                if (profile.triageCategories().contains(triageCategory)) {
                    return new Inference(profile.type(), IncidentTypeSource.TRIAGE_CATEGORY);
                }
            }
        }
        if (textHint != null) {
            return new Inference(textHint, IncidentTypeSource.TEXT);
        }
        if (triageCategory != null && categoryFallbacks.containsKey(triageCategory)) {
            return new Inference(categoryFallbacks.get(triageCategory), IncidentTypeSource.DEFAULT);
        }
        return new Inference(IncidentType.OTHER, IncidentTypeSource.DEFAULT);
    }

    /** Lower case, accents removed, anything but letters and digits made a single space. */
    public static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^a-z0-9*]+", " ").strip();
    }

    private static boolean matches(String paddedText, String keyword) {
        String k = normalise(keyword);
        if (k.endsWith("*")) {
            return paddedText.contains(" " + k.substring(0, k.length() - 1));
        }
        return paddedText.contains(" " + k + " ");
    }
}
