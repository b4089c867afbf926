package fr.numi.ticket.ticket.domain;

/** How fast a ticket must be handled; the queue priority follows from it. */
public enum Urgency {
    LOW(30),
    NORMAL(50),
    HIGH(70),
    CRITICAL(90);

    private final int priority;

    Urgency(int priority) {
        this.priority = priority;
    }

    public int priority() {
        return priority;
    }
}
