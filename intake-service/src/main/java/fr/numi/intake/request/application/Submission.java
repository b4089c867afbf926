package fr.numi.intake.request.application;

/** The outcome of a gateway delivery: the receipt, and whether it was a retry already taken. */
public record Submission(SubmissionReceipt receipt, boolean duplicate) {}
