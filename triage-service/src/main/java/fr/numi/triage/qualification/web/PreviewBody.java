package fr.numi.triage.qualification.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/triage/preview}: a situation to qualify, as a request would carry it.
 *
 * @param text the situation in the person's words (may be empty, not missing)
 * @param subject a short title (optional)
 * @param redButton whether the person pressed the red button (default false)
 * @param channel WEB, WHATSAPP or PHONE (optional; checked, not used by the v1 rules)
 */
record PreviewBody(
        @NotNull(message = "Indiquez le texte à analyser.")
                @Size(max = 20000, message = "Le texte est trop long (20 000 caractères au plus).")
                String text,
        @Size(max = 200) String subject,
        Boolean redButton,
        Channel channel) {

    enum Channel {
        WEB,
        WHATSAPP,
        PHONE
    }
}
