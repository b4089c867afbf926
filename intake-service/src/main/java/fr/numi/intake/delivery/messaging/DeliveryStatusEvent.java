package fr.numi.intake.delivery.messaging;

import java.time.Instant;

/** Body of {@code intake.delivery-status.v1} (contracts/events/intake.delivery-status.v1). */
record DeliveryStatusEvent(
        String statusId,
        String notificationId,
        String ticketId,
        String customerId,
        String channel,
        String kind,
        String outcome,
        String via,
        String providerMessageId,
        String reason,
        Instant at) {

    static final String TOPIC = "intake.delivery-status.v1";
    static final String TYPE = "fr.numi.intake.delivery-status.v1";
}
