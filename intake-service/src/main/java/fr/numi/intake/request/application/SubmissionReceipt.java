package fr.numi.intake.request.application;

/** What the person gets back: the reference to quote and the private tracking token. */
public record SubmissionReceipt(String ticketId, String trackingToken, String requestId) {}
