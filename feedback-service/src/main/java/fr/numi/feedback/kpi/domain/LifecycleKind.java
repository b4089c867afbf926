package fr.numi.feedback.kpi.domain;

import java.util.Locale;

/** What happened to a ticket: the event name of the CloudEvents type on {@code ticket.lifecycle.v1}. */
public enum LifecycleKind {
    RECEIVED,
    QUALIFIED,
    FOLLOWED_UP,
    CLAIMED,
    REPLIED,
    NOTE_ADDED,
    ESCALATED,
    WAITING_FOR_PERSON,
    RESUMED,
    RESOLVED,
    CLOSED,
    REOPENED,
    SLA_WARNING,
    SLA_BREACHED,
    CYBER_URGENCY_MARKED,
    DELIVERY_FAILED,
    /** A change added to the contract later (additive within v1): its common fields still apply. */
    OTHER;

    private static final String PREFIX = "fr.numi.ticket.ticket-";
    private static final String SUFFIX = ".v1";

    /**
     * The kind named by a CloudEvents type such as {@code fr.numi.ticket.ticket-replied.v1};
     * {@link #OTHER} for a ticket change this version does not know yet.
     *
     * @throws IllegalArgumentException naming the type when it is not a ticket lifecycle type
     */
    public static LifecycleKind fromType(String ceType) {
        if (ceType == null || !ceType.startsWith(PREFIX) || !ceType.endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not a ticket lifecycle type '" + ceType + "'");
        }
        String name = ceType.substring(PREFIX.length(), ceType.length() - SUFFIX.length());
        if (name.isEmpty()) {
            throw new IllegalArgumentException("not a ticket lifecycle type '" + ceType + "'");
        }
        try {
            LifecycleKind kind = valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
            return kind;
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    /** An agent's public answer: the first one ends the first-response time. */
    boolean publicAnswer() {
        return this == REPLIED || this == WAITING_FOR_PERSON || this == RESOLVED;
    }
}
