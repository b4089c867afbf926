package fr.numi.ticket.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cyber emergency declared on the ticket by urgency-service: the incident type, the first
 * instructions sent to the person and the orientation to official services for the level-3 agent,
 * with whether each reached delivery.
 *
 * @param revision 1 at declaration, + 1 each time level 3 revises the incident type; the highest wins
 * @param customerId, channel, triggeredAt who pressed the red button, where and when: enough to open
 *     and queue the ticket before its request arrives (null in declarations of older producers)
 */
public record CyberUrgency(
        String urgencyId,
        String trigger,
        String incidentType,
        String incidentLabel,
        int revision,
        Instant declaredAt,
        String instructionsTitle,
        List<String> instructions,
        String instructionsDelivery,
        List<OrientationStep> orientation,
        String orientationDelivery,
        String customerId,
        String channel,
        Instant triggeredAt) {

    public CyberUrgency {
        Objects.requireNonNull(urgencyId, "urgencyId");
        Objects.requireNonNull(incidentType, "incidentType");
        instructions = List.copyOf(instructions == null ? List.of() : instructions);
        orientation = List.copyOf(orientation == null ? List.of() : orientation);
    }

    public boolean deliveryFailed() {
        return "FAILED".equals(instructionsDelivery) || "FAILED".equals(orientationDelivery);
    }

    /** One official service to contact, in order. */
    public record OrientationStep(int order, String service, String action, String phone, String url, String agentNote) {}
}
