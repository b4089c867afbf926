package fr.numi.intake.request.application;

import fr.numi.intake.request.domain.IncomingRequest;
import java.time.Instant;
import java.util.List;

/**
 * A request with the identifiers intake gave it: what gets published.
 *
 * @param unrecorded published while intake's database did not answer: what intake keeps of it (its contact, its ticket
 *     reference) is written by whichever instance reads the record back once the database answers
 *     ({@code UnrecordedRequests}), not by this one's memory, which a crash would lose
 */
public record ReceivedRequest(
        String requestId,
        String ticketId,
        String trackingTokenHash,
        String customerId,
        IncomingRequest request,
        Instant receivedAt,
        List<String> attachmentIds,
        boolean unrecorded) {

    public ReceivedRequest {
        attachmentIds = attachmentIds == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attachmentIds));
    }

    /** numi's id of the i-th attachment (null when it cannot be fetched). */
    public String attachmentId(int i) {
        return i < attachmentIds.size() ? attachmentIds.get(i) : null;
    }
}
