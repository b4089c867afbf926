package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.util.Objects;

/** urgency-service declared a cyber emergency on a ticket. */
public record CyberUrgencyDeclared(String eventId, String ticketId, Instant declaredAt) {

    public CyberUrgencyDeclared {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(declaredAt, "declaredAt");
    }
}
