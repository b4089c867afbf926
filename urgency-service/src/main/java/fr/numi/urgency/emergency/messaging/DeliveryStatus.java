package fr.numi.urgency.emergency.messaging;

import java.time.Instant;

/** urgency's own copy of the body of {@code intake.delivery-status.v1}: the fields it reads. */
record DeliveryStatus(String statusId, String notificationId, String ticketId, String kind, String outcome, String reason, Instant at) {

    static final String TOPIC = "intake.delivery-status.v1";
}
