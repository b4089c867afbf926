package fr.numi.urgency.emergency.domain;

/** Progress of the level-3 page. */
public enum PageStatus {
    /** Not sent yet, or being sent. */
    PENDING,
    /** The webhook answered 2xx. */
    SENT,
    /** Every attempt failed (or the circuit breaker is open): level 3 must look at the urgency list. */
    FAILED,
    /** No webhook configured. */
    DISABLED
}
