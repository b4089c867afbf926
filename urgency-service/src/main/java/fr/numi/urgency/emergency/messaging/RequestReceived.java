package fr.numi.urgency.emergency.messaging;

import java.time.Instant;

/**
 * urgency's own copy of the body of {@code intake.request-received.v1}: only what the red-button
 * fast path reads. Contact, name and text are left out: not needed here yet.
 */
record RequestReceived(String requestId, String ticketId, String customerId, String channel, Boolean redButton, Instant receivedAt) {

    static final String TOPIC = "intake.request-received.v1";
}
