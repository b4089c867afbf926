package fr.numi.urgency.emergency.domain;

/** Where an urgency stands in the protocol. */
public enum UrgencyStatus {
    /** Declared by triage before urgency-service saw the request: the channel is not known yet. */
    AWAITING_REQUEST,
    /** Instructions, orientation and the declared event are being handed over. */
    DECLARING,
    /** The declared event is published: the ticket goes to level 3. */
    DECLARED
}
