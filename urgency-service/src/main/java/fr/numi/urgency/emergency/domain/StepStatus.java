package fr.numi.urgency.emergency.domain;

/** Progress of one step of the protocol (a message handed to delivery, the declared event). */
public enum StepStatus {
    PENDING,
    DONE,
    FAILED
}
