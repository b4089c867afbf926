package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** feedback-service's copy of the body of {@code intake.erasure-requested.v1}. */
record ErasureRequested(
        @NotNull @Pattern(regexp = "era_[0-9a-f]{32}") String erasureId,
        @NotNull @Pattern(regexp = "cus_[0-9a-f]{32}") String customerId,
        Instant requestedAt) {

    static final Incoming<ErasureRequested> INCOMING = Incoming.of("intake.erasure-requested.v1", ErasureRequested.class,
            "fr.numi.intake.erasure-requested.v1");
}
