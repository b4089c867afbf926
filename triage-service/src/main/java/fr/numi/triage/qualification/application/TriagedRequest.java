package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.Decision;

/** The decision on one received request, ready to be published. */
public record TriagedRequest(String requestId, String ticketId, String customerId, Decision decision) {}
