package fr.numi.urgency.emergency.domain;

import java.util.Objects;

/** triage judged a request to be a cyber emergency. */
public record CyberDecision(String requestId, String ticketId, String category, String urgency) {

    public CyberDecision {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(urgency, "urgency");
    }
}
