package fr.numi.intake.delivery.application;

import fr.numi.intake.delivery.domain.WhatsAppStatus;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Port: the statuses Meta reports, kept against the outbound message they refer to (its wamid), and
 * the link from that wamid to the notification numi delivered with it.
 */
public interface OutboundStatusLog {

    /**
     * Records the status (a repeat is a no-op).
     *
     * @return the notification id the message was sent for, when the send was already linked; empty otherwise
     */
    Mono<String> record(WhatsAppStatus status);

    /**
     * Links a wamid numi just sent to its notification.
     *
     * @return the statuses Meta reported before the link was made (a status may outrun the Send API's answer)
     */
    Mono<List<WhatsAppStatus>> link(String wamid, String notificationId);
}
