package fr.numi.intake.request.application;

import fr.numi.intake.request.domain.IncomingRequest;
import java.time.Instant;

/** A request with the identifiers intake gave it: what gets published. */
public record ReceivedRequest(
        String requestId,
        String ticketId,
        String trackingTokenHash,
        String customerId,
        IncomingRequest request,
        Instant receivedAt) {}
