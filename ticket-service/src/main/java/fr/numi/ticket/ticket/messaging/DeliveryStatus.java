package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;

/** ticket-service's own copy of the body of {@code intake.delivery-status.v1}: the fields it reads. */
record DeliveryStatus(String statusId, String notificationId, @NotBlank String ticketId, String kind, @NotBlank String outcome,
        String reason) {

    static final Incoming<DeliveryStatus> INCOMING =
            Incoming.of("intake.delivery-status.v1", DeliveryStatus.class, "fr.numi.intake.delivery-status.v1");

    boolean failed() {
        return "FAILED".equals(outcome);
    }
}
