package fr.numi.urgency.emergency.domain;

/**
 * What intake reports became of a message for the person ({@code intake.delivery-status.v1}). Reports
 * can arrive out of order (a WhatsApp status may outrun the Send API's answer, a message dead-lettered
 * by intake may be replayed): a report only replaces one of a lower {@link #rank()}.
 */
public enum DeliveryOutcome {
    /** Handed to the provider (WhatsApp, Twilio). */
    SENT(1),
    /** Nothing to send: the person reads it on the tracking page. */
    TRACKING_PAGE(1),
    /** No provider credentials (local run): kept in intake's outbox. */
    OUTBOX(1),
    /** Failed for good: the person did not receive it. */
    FAILED(2),
    /** On the person's phone: wins over a FAILED (a replayed delivery that went through). */
    DELIVERED(3),
    /** Read by the person. */
    READ(4);

    private final int rank;

    DeliveryOutcome(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** True when a report of this outcome replaces one of {@code current}. */
    public boolean supersedes(DeliveryOutcome current) {
        return rank > current.rank;
    }
}
