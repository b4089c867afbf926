package fr.numi.intake.privacy.web;

import fr.numi.intake.request.domain.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/privacy/erasures} and {@code POST /api/v1/privacy/exports}: the person, by the contact
 * they wrote from or by their customer id (exactly one of the two).
 */
record ErasureBody(@Pattern(regexp = "cus_[0-9a-f]{32}", message = "Un identifiant client est de la forme cus_ suivi de 32 chiffres hexadécimaux.")
        String customerId, @Valid ContactBody contact) {

    record ContactBody(
            @NotNull(message = "Indiquez le type de contact : EMAIL, PHONE ou WHATSAPP.") Contact.Kind kind,
            @NotBlank(message = "Indiquez une adresse e-mail ou un numéro de téléphone.") @Size(max = 320) String value) {}

    @AssertTrue(message = "Indiquez soit le contact de la personne, soit son identifiant client (customerId), pas les deux.")
    boolean isOnePerson() {
        return (customerId == null) != (contact == null);
    }
}
