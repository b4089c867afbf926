package fr.numi.ticket.ticket.domain;

import java.time.Instant;
import java.util.List;

/**
 * One line of a ticket's conversation and history, in one list: the person's messages, agents'
 * replies, internal notes and system steps. Public entries are shown to the person; the others
 * (triage reasons, internal notes) only to agents.
 *
 * @param kind PERSON_MESSAGE, AGENT_REPLY, NOTE, or a system step (RECEIVED, QUALIFIED, …)
 * @param id a stable id for messages (the request id of a person's message), null for steps
 * @param author the person's name or the agent's id, for messages
 * @param channel the channel a person's message came on
 * @param requestRef the reference intake gave a person's message (its own ticket id before it joined)
 * @param customerId the pseudonymous person a message came from (a merged ticket may hold two)
 * @param attachments what came with a person's message
 * @param trackingTokenHash the hash of the tracking token given with a person's message (it follows the
 *     message when an agent splits it out into a ticket of its own)
 */
public record TimelineEntry(
        Instant at,
        String kind,
        boolean visibleToPerson,
        String text,
        String id,
        String author,
        String channel,
        String requestRef,
        String customerId,
        List<AttachmentRef> attachments,
        String trackingTokenHash) {

    public static final String PERSON_MESSAGE = "PERSON_MESSAGE";
    public static final String AGENT_REPLY = "AGENT_REPLY";
    public static final String NOTE = "NOTE";

    public TimelineEntry {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A system step or a short line. */
    public TimelineEntry(Instant at, String kind, boolean visibleToPerson, String text) {
        this(at, kind, visibleToPerson, text, null, null, null, null, null, List.of(), null);
    }

    /** A message or note without a tracking token of its own. */
    public TimelineEntry(Instant at, String kind, boolean visibleToPerson, String text, String id, String author, String channel,
            String requestRef, String customerId, List<AttachmentRef> attachments) {
        this(at, kind, visibleToPerson, text, id, author, channel, requestRef, customerId, attachments, null);
    }

    /** One of what was said (the person's messages, agents' replies, notes, ratings), not a system step. */
    public boolean message() {
        return id != null && (personMessage() || AGENT_REPLY.equals(kind) || NOTE.equals(kind) || "FEEDBACK".equals(kind));
    }

    /** The same line without its words nor anything naming the person: kind, time, channel, ids and agent kept. */
    public TimelineEntry erased() {
        boolean byAnAgent = AGENT_REPLY.equals(kind) || NOTE.equals(kind);
        return new TimelineEntry(at, kind, visibleToPerson, null, id, byAnAgent ? author : null, channel, requestRef, null, List.of(), null);
    }

    public boolean personMessage() {
        return PERSON_MESSAGE.equals(kind);
    }

}
