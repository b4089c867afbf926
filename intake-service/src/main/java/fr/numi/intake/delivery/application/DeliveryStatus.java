package fr.numi.intake.delivery.application;

import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Via;
import java.time.Instant;

/** What gets published on {@code intake.delivery-status.v1}. */
public record DeliveryStatus(
        String notificationId,
        String ticketId,
        String customerId,
        String channel,
        String kind,
        Outcome outcome,
        Via via,
        String providerMessageId,
        String reason,
        Instant at) {

    public String statusId() {
        return notificationId + ":" + outcome;
    }
}
