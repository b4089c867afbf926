package fr.numi.triage.corpus;

import java.util.Objects;

/**
 * One labelled request of a corpus file (JSON Lines). The present format:
 * {@code {"id", "channel", "text", "expected": {"level", "cyber"}}}; richer labels are optional:
 * {@code expected.cyberTier} ({@code NONE}, {@code SUSPECTED}, {@code EMERGENCY}), {@code expected.category},
 * {@code expected.urgency}.
 *
 * <p>In a corpus, {@code expected.cyber} says the case <em>is</em> a cyber case, whichever tier; this differs on
 * purpose from {@code triage.request-triaged.v1}, where {@code cyber} is true only for an emergency. When
 * {@code cyberTier} is absent it is derived from {@code cyber}: true = EMERGENCY, false = NONE.
 *
 * @param id stable identifier, unique in a file
 * @param channel WEB, WHATSAPP or PHONE (may be empty)
 * @param text the person's words (personal data when it comes from production)
 * @param level expected support level, 1 to 3
 * @param cyber expected to be a cyber case (suspected or emergency)
 * @param cyberTier expected tier, never null (derived when the file does not say)
 * @param category expected category id, null when not labelled
 * @param urgency expected urgency ({@code LOW} … {@code CRITICAL}), null when not labelled
 */
public record LabelledRequest(
        String id, String channel, String text, int level, boolean cyber, String cyberTier, String category, String urgency) {

    public static final String NONE = "NONE";
    public static final String SUSPECTED = "SUSPECTED";
    public static final String EMERGENCY = "EMERGENCY";

    public LabelledRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        channel = channel == null ? "" : channel;
        if (cyberTier == null) {
            cyberTier = cyber ? EMERGENCY : NONE;
        }
    }

    /** The labels that matter for splitting: every level, tier and category keeps its share in each part. */
    public String stratum() {
        return level + "|" + cyberTier + "|" + (category == null ? "" : category);
    }
}
