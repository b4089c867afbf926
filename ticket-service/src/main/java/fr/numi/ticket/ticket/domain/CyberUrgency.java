package fr.numi.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cyber emergency declared on the ticket by urgency-service: the incident type, the first
 * instructions sent to the person and the orientation to official services for the level-3 agent,
 * with whether each reached delivery.
 *
 * @param revision 1 at declaration, + 1 each time level 3 revises the incident type; the highest wins
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
        String orientationDelivery) {

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
