package fr.numi.triage.qualification.application;

/** The broker did not acknowledge a decision: the message that led to it must be processed again. */
public class DecisionNotPublishedException extends RuntimeException {

    public DecisionNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
