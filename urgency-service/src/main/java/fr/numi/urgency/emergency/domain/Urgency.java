package fr.numi.urgency.emergency.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One cyber urgency: at most one per ticket, whatever triggered it and however often. Immutable; every
 * change returns a new value.
 *
 * @param ticketId the ticket (also the store's unique key)
 * @param urgencyId {@code urg-<ticketId>}
 * @param customerId pseudonymous customer id
 * @param channel the person's channel, null while {@link UrgencyStatus#AWAITING_REQUEST}
 * @param trigger what set it off first
 * @param triggerEventId the event (or HTTP declaration) that set it off, to tell a redelivery from a second trigger
 * @param declaredBy the agent who declared it, null otherwise
 * @param incidentType the current incident type
 * @param incidentTypeSource where the incident type came from
 * @param revision 1, then +1 on each revision of the incident type
 * @param status where the protocol stands
 * @param instructions the first instructions handed to delivery for the person
 * @param orientation the orientation handed to delivery for the person
 * @param declaration the {@code urgency.cyber-urgency-declared.v1} record of this revision
 * @param page the level-3 page
 * @param triggeredAt when the trigger happened (request received, triage decided, agent declared)
 * @param declaredAt when urgency-service took it on
 * @param revisedBy the level-3 agent who last revised the incident type, null otherwise
 * @param revisedAt when, null otherwise
 * @param leaseUntil the instance working on it holds it until then; another may resume it after
 */
public record Urgency(
        String ticketId,
        String urgencyId,
        String customerId,
        Channel channel,
        Trigger trigger,
        String triggerEventId,
        String declaredBy,
        IncidentType incidentType,
        IncidentTypeSource incidentTypeSource,
        int revision,
        UrgencyStatus status,
        Step instructions,
        Step orientation,
        Step declaration,
        Page page,
        Instant triggeredAt,
        Instant declaredAt,
        String revisedBy,
        Instant revisedAt,
        Instant leaseUntil) {

    public Urgency {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(triggerEventId, "triggerEventId");
        Objects.requireNonNull(incidentType, "incidentType");
        Objects.requireNonNull(incidentTypeSource, "incidentTypeSource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(page, "page");
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1, was " + revision);
        }
        if (channel == null && status != UrgencyStatus.AWAITING_REQUEST) {
            throw new IllegalArgumentException("only an urgency awaiting its request may lack a channel");
        }
    }

    /** A new urgency, held by the caller for {@code lease}. Without a channel it waits for the request. */
    public static Urgency declare(
            String ticketId, String customerId, Channel channel, Trigger trigger, String triggerEventId, String declaredBy,
            IncidentType type, IncidentTypeSource source, Instant triggeredAt, Instant now, Duration lease) {
        UrgencyStatus status = channel == null ? UrgencyStatus.AWAITING_REQUEST : UrgencyStatus.DECLARING;
        return new Urgency(ticketId, "urg-" + ticketId, customerId, channel, trigger, triggerEventId, declaredBy, type, source, 1,
                status, Step.pending(notificationId(ticketId, "CYBER_INSTRUCTIONS", 1)),
                Step.pending(notificationId(ticketId, "CYBER_ORIENTATION", 1)), Step.pending(eventId(ticketId, 1)), Page.PENDING,
                triggeredAt, now, null, null, channel == null ? now : now.plus(lease));
    }

    /** Stable id of a message for the person: delivery de-duplicates on it. */
    public static String notificationId(String ticketId, String kind, int revision) {
        return ticketId + ":urgency:" + kind + ":r" + revision;
    }

    /** Stable id of the declared event of one revision ({@code ce_id}). */
    public static String eventId(String ticketId, int revision) {
        return "urg-" + ticketId + ":r" + revision;
    }

    /**
     * The request arrived: the channel is known, the protocol can run. The text's hint replaces a
     * default incident type (triage's category said nothing precise).
     */
    public Urgency withRequest(TicketSighting sighting, Instant now, Duration lease) {
        boolean useHint = incidentTypeSource == IncidentTypeSource.DEFAULT && sighting.textHint() != null;
        return new Urgency(ticketId, urgencyId, customerId, sighting.channel(), trigger, triggerEventId, declaredBy,
                useHint ? sighting.textHint() : incidentType, useHint ? IncidentTypeSource.TEXT : incidentTypeSource, revision,
                UrgencyStatus.DECLARING, instructions, orientation, declaration, page, triggeredAt, declaredAt, revisedBy, revisedAt,
                now.plus(lease));
    }

    /** A level-3 agent changed the incident type: a new revision, new messages for the person, a new declared event. */
    public Urgency revised(IncidentType type, Agent agent, Instant now, Duration lease) {
        int next = revision + 1;
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, type,
                IncidentTypeSource.AGENT, next, UrgencyStatus.DECLARING, Step.pending(notificationId(ticketId, "CYBER_INSTRUCTIONS", next)),
                Step.pending(notificationId(ticketId, "CYBER_ORIENTATION", next)), Step.pending(eventId(ticketId, next)), page,
                triggeredAt, declaredAt, agent.id(), now, now.plus(lease));
    }

    /** A level-3 agent set the incident type before the request arrived: nothing was sent yet, nothing to send again. */
    public Urgency retypedWhileAwaiting(IncidentType type, Agent agent, Instant now) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, type,
                IncidentTypeSource.AGENT, revision, status, instructions, orientation, declaration, page, triggeredAt, declaredAt,
                agent.id(), now, leaseUntil);
    }

    public Urgency withInstructions(Step step) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, incidentType,
                incidentTypeSource, revision, status, step, orientation, declaration, page, triggeredAt, declaredAt, revisedBy, revisedAt,
                leaseUntil);
    }

    public Urgency withOrientation(Step step) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, incidentType,
                incidentTypeSource, revision, status, instructions, step, declaration, page, triggeredAt, declaredAt, revisedBy, revisedAt,
                leaseUntil);
    }

    /** The declared event is published: the protocol is through for this revision; the lease is given back. */
    public Urgency declared(Instant now) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, incidentType,
                incidentTypeSource, revision, UrgencyStatus.DECLARED, instructions, orientation, declaration.done(now), page, triggeredAt,
                declaredAt, revisedBy, revisedAt, now);
    }

    /** Publishing the declared event failed: give the lease back so a retry may resume at once. */
    public Urgency declarationFailed(Instant now, String reason) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, incidentType,
                incidentTypeSource, revision, status, instructions, orientation, declaration.failed(now, reason), page, triggeredAt,
                declaredAt, revisedBy, revisedAt, now);
    }

    public Urgency withPage(Page newPage) {
        return new Urgency(ticketId, urgencyId, customerId, channel, trigger, triggerEventId, declaredBy, incidentType,
                incidentTypeSource, revision, status, instructions, orientation, declaration, newPage, triggeredAt, declaredAt, revisedBy,
                revisedAt, leaseUntil);
    }

    public boolean isDeclared() {
        return status == UrgencyStatus.DECLARED;
    }
}
