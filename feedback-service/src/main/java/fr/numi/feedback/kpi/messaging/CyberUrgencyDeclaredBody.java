package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** feedback's own copy of the body of {@code urgency.cyber-urgency-declared.v1}: the fields it reads. */
record CyberUrgencyDeclaredBody(@NotBlank String urgencyId, @NotBlank String ticketId, String trigger, @NotNull Instant declaredAt) {

    static final Incoming<CyberUrgencyDeclaredBody> INCOMING = Incoming.of("urgency.cyber-urgency-declared.v1",
            CyberUrgencyDeclaredBody.class, "fr.numi.urgency.cyber-urgency-declared.v1");
}
