package fr.numi.intake.attachment.domain;

import java.util.Locale;
import java.util.Set;

/**
 * What numi keeps of what people send: pictures, sound, PDF and short videos, up to a size. Anything
 * else is refused and the agent is told, so that nothing a person sent disappears without a word.
 */
public record AttachmentPolicy(long maxBytes, Set<String> types) {

    public static final Set<String> DEFAULT_TYPES = Set.of(
            "image/jpeg", "image/png", "image/webp", "image/gif",
            "audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr", "audio/wav", "audio/x-wav", "audio/opus",
            "application/pdf", "video/mp4", "video/3gpp");

    public boolean accepts(String mimeType) {
        return mimeType != null && types.contains(base(mimeType));
    }

    /** {@code audio/ogg; codecs=opus} → {@code audio/ogg}. */
    public static String base(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
