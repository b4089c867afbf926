package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.Situation;
import java.util.Objects;

/** A request as triage needs it: identifiers to answer about, and the situation to read. */
public record ReceivedRequest(String requestId, String ticketId, String customerId, String channel, Situation situation) {

    public ReceivedRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(situation, "situation");
    }
}
