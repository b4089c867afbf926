package fr.numi.intake.delivery.domain;

/** What became of a message numi was asked to deliver. */
public enum Outcome {
    /** Accepted by the provider (WhatsApp, Twilio). */
    SENT,
    /** The provider reports it reached the person's phone. */
    DELIVERED,
    /** The person opened it (WhatsApp read receipt). */
    READ,
    /**
     * Failed for good: refused by the provider (4xx) or by numi's guards, no contact, or not sent when the bounded
     * retry delay ran out. A transient failure is not an outcome (retried later from MongoDB).
     */
    FAILED,
    /** Nothing to send: the person follows the ticket on the tracking page (web, e-mail contacts). */
    TRACKING_PAGE,
    /** No provider credentials (local run): kept in the outbox, readable over HTTP. */
    OUTBOX;

    /** A delivery already in one of these states is not sent again when its request is redelivered. */
    public boolean settled() {
        return this != FAILED;
    }
}
