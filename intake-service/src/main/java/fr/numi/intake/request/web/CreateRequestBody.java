package fr.numi.intake.request.web;

import fr.numi.intake.request.domain.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/requests} (the web form or a web gateway).
 *
 * @param name how the person wants to be called (optional)
 * @param contact how to reach them back
 * @param subject a short title (optional)
 * @param description the situation, in their own words
 * @param redButton the person pressed the red button: a cyber emergency
 */
record CreateRequestBody(
        @Size(max = 200) String name,
        @NotNull(message = "Indiquez comment vous recontacter.") @Valid ContactBody contact,
        @Size(max = 200) String subject,
        @NotBlank(message = "Décrivez votre demande en quelques mots.")
                @Size(max = 20000, message = "La description est trop longue (20 000 caractères au plus).")
                String description,
        Boolean redButton) {

    record ContactBody(
            @NotNull(message = "Indiquez comment vous recontacter : EMAIL, PHONE ou WHATSAPP.") Contact.Kind kind,
            @NotBlank(message = "Indiquez une adresse e-mail ou un numéro de téléphone.") @Size(max = 320) String value) {}
}
