package fr.numi.feedback.kpi.domain;

/** The states of a ticket, as ticket-service publishes them on {@code ticket.lifecycle.v1}. */
public enum TicketStatus {
    RECEIVED,
    QUALIFIED,
    IN_PROGRESS,
    WAITING_FOR_PERSON,
    RESOLVED,
    CLOSED,
    REOPENED
}
