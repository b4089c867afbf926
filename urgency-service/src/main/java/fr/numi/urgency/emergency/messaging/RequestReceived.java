package fr.numi.urgency.emergency.messaging;

import java.time.Instant;

/**
 * urgency's own copy of the body of {@code intake.request-received.v1}: what the protocol reads. The
 * text is classified to guess the incident type, then dropped; contact and name are not read.
 */
record RequestReceived(
        String requestId, String ticketId, String customerId, String channel, String subject, String text, Boolean redButton,
        Instant receivedAt) {

    static final String TOPIC = "intake.request-received.v1";
}
