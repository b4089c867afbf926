package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/** ticket-service's own copy of the body of {@code intake.contact-verified.v1}: the fields it reads. */
record ContactVerified(
        String verificationId,
        @NotBlank String ticketId,
        @NotBlank String customerId,
        @NotNull @Valid Contact contact,
        List<String> reachableBy,
        @NotNull Instant verifiedAt) {

    static final Incoming<ContactVerified> INCOMING =
            Incoming.of("intake.contact-verified.v1", ContactVerified.class, "fr.numi.intake.contact-verified.v1");

    record Contact(@NotBlank String kind, @NotBlank String value) {}
}
