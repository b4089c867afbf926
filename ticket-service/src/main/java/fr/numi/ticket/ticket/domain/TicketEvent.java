package fr.numi.ticket.ticket.domain;

import java.time.Instant;

/**
 * Something a ticket change must tell the rest of numi: a lifecycle change, the ticket being put on
 * its level's queue, or a message for the person. Kept with the ticket until published (outbox in
 * the same document).
 *
 * @param eventId stable id derived from the cause, so a repeated publication is recognisably the same
 * @param agentId the agent who acted, when an agent did
 * @param text the message for the person (notifications, public replies); never put on the lifecycle topic
 * @param reason escalation or reopening reason; the notification type for notifications
 * @param fromLevel the level before an escalation
 * @param firstContactResolution on resolution: solved by the first agent, with no escalation, no reopening and no wait
 * @param recipient for a message to the person: the route and contact to use (null: intake decides from its directory)
 * @param trackingRequestId for a message to the person: give the tracking link of this request with it
 * @param correction for a correction of triage by an agent: what triage decided and what the agent set
 */
public record TicketEvent(
        String eventId,
        Kind kind,
        TicketStatus status,
        TicketStatus previousStatus,
        Integer level,
        Urgency urgency,
        String category,
        boolean cyber,
        int version,
        int priority,
        Instant occurredAt,
        String agentId,
        String text,
        String reason,
        Integer fromLevel,
        Boolean firstContactResolution,
        Recipient recipient,
        String trackingRequestId,
        Ticket.TriageCorrection correction) {

    /** Where a message goes: a route (WHATSAPP, SMS, EMAIL, TRACKING_PAGE) and the contact it uses. */
    public record Recipient(String route, String kind, String value) {}

    /** An event that is not a message to the person. */
    public TicketEvent(String eventId, Kind kind, TicketStatus status, TicketStatus previousStatus, Integer level, Urgency urgency,
            String category, boolean cyber, int version, int priority, Instant occurredAt, String agentId, String text, String reason,
            Integer fromLevel, Boolean firstContactResolution) {
        this(eventId, kind, status, previousStatus, level, urgency, category, cyber, version, priority, occurredAt, agentId, text, reason,
                fromLevel, firstContactResolution, null, null, null);
    }

    /** The same event without a text for the person, a reason or a recipient (the person was erased). */
    public TicketEvent withoutWords() {
        return new TicketEvent(eventId, kind, status, previousStatus, level, urgency, category, cyber, version, priority, occurredAt, agentId,
                null, kind == Kind.NOTIFICATION ? reason : null, fromLevel, firstContactResolution, null, null, correction);
    }

    /** What happened; {@link #typeName()} is the CloudEvents type's event name. */
    public enum Kind {
        RECEIVED("ticket-received"),
        QUALIFIED("ticket-qualified"),
        FOLLOWED_UP("ticket-followed-up"),
        CLAIMED("ticket-claimed"),
        REPLIED("ticket-replied"),
        NOTE_ADDED("ticket-note-added"),
        ESCALATED("ticket-escalated"),
        WAITING_FOR_PERSON("ticket-waiting-for-person"),
        RESUMED("ticket-resumed"),
        RESOLVED("ticket-resolved"),
        CLOSED("ticket-closed"),
        REOPENED("ticket-reopened"),
        SLA_WARNING("ticket-sla-warning"),
        SLA_BREACHED("ticket-sla-breached"),
        CYBER_URGENCY_MARKED("ticket-cyber-urgency-marked"),
        DELIVERY_FAILED("ticket-delivery-failed"),
        MERGED("ticket-merged"),
        SPLIT("ticket-split"),
        /** An agent corrected triage: published on {@code ticket.triage-corrected.v1}, not the lifecycle topic. */
        TRIAGE_CORRECTED("triage-corrected"),
        QUEUED("ticket-queued"),
        NOTIFICATION("notification-requested");

        private final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }

        public String typeName() {
            return typeName;
        }

        /** Whether this kind goes on {@code ticket.lifecycle.v1}. */
        public boolean lifecycle() {
            return this != QUEUED && this != NOTIFICATION && this != TRIAGE_CORRECTED;
        }
    }
}
