package fr.numi.intake.request.application;

import fr.numi.intake.request.domain.IncomingRequest;
import java.time.Instant;
import java.util.List;

/** A request with the identifiers intake gave it: what gets published. */
public record ReceivedRequest(
        String requestId,
        String ticketId,
        String trackingTokenHash,
        String customerId,
        IncomingRequest request,
        Instant receivedAt,
        List<String> attachmentIds) {

    public ReceivedRequest {
        attachmentIds = attachmentIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attachmentIds));
    }

    /** numi's id of the i-th attachment (null when it cannot be fetched). */
    public String attachmentId(int i) {
        return i < attachmentIds.size() ? attachmentIds.get(i) : null;
    }
}
