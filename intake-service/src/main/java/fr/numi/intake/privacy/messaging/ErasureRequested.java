package fr.numi.intake.privacy.messaging;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Body of {@code intake.erasure-requested.v1}, written here and read back by intake's own part of the erasure. */
record ErasureRequested(
        @NotNull @Pattern(regexp = "era_[0-9a-f]{32}") String erasureId,
        @NotNull @Pattern(regexp = "cus_[0-9a-f]{32}") String customerId,
        Instant requestedAt) {}
