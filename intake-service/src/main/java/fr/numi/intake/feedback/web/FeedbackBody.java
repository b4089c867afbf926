package fr.numi.intake.feedback.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/feedback} (the web rating form). */
record FeedbackBody(
        @NotBlank(message = "Indiquez votre numéro de dossier.")
                @Pattern(regexp = "^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", message = "Numéro de dossier invalide.")
                String ticketId,
        @NotBlank(message = "Le lien de suivi est incomplet.") @Size(max = 100) String trackingToken,
        @NotNull(message = "Choisissez une note de 1 à 5.") @Min(value = 1, message = "Choisissez une note de 1 à 5.")
                @Max(value = 5, message = "Choisissez une note de 1 à 5.")
                Integer rating,
        @Size(max = 2000, message = "Le commentaire est trop long (2 000 caractères au plus).") String comment) {}
