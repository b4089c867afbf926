package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.Channel;
import java.time.Instant;

/** A message for the person, handed to intake for delivery on their channel. */
public record NotificationRequest(
        String notificationId, String ticketId, String customerId, Channel channel, Kind kind, String text, Instant requestedAt) {

    /** What the message is. */
    public enum Kind {
        CYBER_INSTRUCTIONS,
        CYBER_ORIENTATION
    }
}
