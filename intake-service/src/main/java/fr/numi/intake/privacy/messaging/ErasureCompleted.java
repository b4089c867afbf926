package fr.numi.intake.privacy.messaging;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Map;

/** Body of every {@code <service>.erasure-completed.v1}: intake writes its own and reads every service's. */
record ErasureCompleted(
        @NotNull @Pattern(regexp = "era_[0-9a-f]{32}") String erasureId,
        @NotNull @Pattern(regexp = "cus_[0-9a-f]{32}") String customerId,
        @NotNull @Pattern(regexp = "(intake|triage|ticket|urgency|feedback)-service") String service,
        Map<String, Long> counts,
        Instant completedAt) {}
