package fr.numi.urgency.emergency.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/**
 * urgency's own copy of the body of {@code intake.delivery-status.v1}: the fields it reads. The contract requires them
 * on every status, so a status without them is refused even when its kind is not urgency's.
 */
record DeliveryStatus(
        @NotBlank String statusId,
        @NotBlank String notificationId,
        @NotBlank String ticketId,
        @NotBlank String kind,
        @NotBlank String outcome,
        String reason,
        Instant at) {

    static final Incoming<DeliveryStatus> INCOMING =
            Incoming.of("intake.delivery-status.v1", DeliveryStatus.class, "fr.numi.intake.delivery-status.v1");
}
