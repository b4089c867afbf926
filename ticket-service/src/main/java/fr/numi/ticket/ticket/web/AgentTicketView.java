package fr.numi.ticket.ticket.web;

import fr.numi.contracts.triage.Categories;
import fr.numi.ticket.ticket.domain.AttachmentRef;
import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.FirstResponseClock;
import fr.numi.ticket.ticket.domain.SupportLevel;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TicketEvent;
import fr.numi.ticket.ticket.domain.TimelineEntry;
import fr.numi.ticket.ticket.domain.TriageDecision;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What an agent sees of a ticket: the person (name, contacts, how an answer reaches them), the whole
 * conversation in order (the person's messages, agents' replies, internal notes, system steps), triage
 * reasons and the cyber urgency.
 */
record AgentTicketView(
        String ticketId,
        String status,
        Integer level,
        String levelLabel,
        String urgency,
        String category,
        String categoryLabel,
        boolean cyber,
        boolean cyberSuspected,
        boolean needsReview,
        String channel,
        String customerId,
        Person person,
        String assignee,
        int version,
        Instant receivedAt,
        Instant queuedAt,
        Instant updatedAt,
        Instant firstResponseDueAt,
        FirstResponseClock.State firstResponse,
        Instant firstResponseAt,
        int escalations,
        int reopenings,
        boolean resolutionCheckPending,
        String linkedTicketId,
        String mergedInto,
        List<String> possibleDuplicates,
        TriageDecision triage,
        CyberUrgency cyberUrgency,
        List<Entry> conversation) {

    /** Category ids as agents read them (« Impression » for {@code printing}): contracts' catalogue. */
    static final Categories CATEGORIES = Categories.french();

    /**
     * @param replyRoute how an answer reaches the person now (WHATSAPP, SMS, EMAIL, TRACKING_PAGE), null when
     *     only a call back does
     * @param callBack the number to call them back on, if they left one
     */
    record Person(String name, List<ContactPoint> contacts, String replyRoute, String replyTo, String callBack) {}

    /**
     * One line of the conversation.
     *
     * @param kind PERSON_MESSAGE, AGENT_REPLY, NOTE or a system step
     * @param author the person's name or the agent's id
     */
    record Entry(Instant at, String kind, boolean visibleToPerson, String text, String id, String author, String channel,
            String requestRef, List<AttachmentRef> attachments) {}

    /** The ticket as an agent reads it at {@code now} (the first-response state depends on it). */
    static AgentTicketView of(Ticket t, Instant now) {
        FirstResponseClock clock = t.firstResponseClock();
        TicketEvent.Recipient route = t.replyRoute();
        return new AgentTicketView(t.id(), t.status().name(), t.level(), SupportLevel.label(t.level()),
                t.urgency() == null ? null : t.urgency().name(), t.category(), CATEGORIES.label(t.category()), t.cyber(), t.cyberSuspected(),
                t.needsReview(), t.channel(),
                t.customerId(),
                new Person(t.name(), t.contacts(), route == null ? null : route.route(), route == null ? null : route.value(),
                        t.callBackNumber()),
                t.assignee(), t.version(), t.receivedAt(), t.queuedAt(), t.updatedAt(),
                dueAt(clock), state(clock, now), t.firstResponseAt(), t.escalations(), t.reopenings(),
                t.resolutionCheckPending(), t.linkedTicketId(), t.mergedInto(), t.possibleDuplicates(), t.triage(), t.cyberUrgency(),
                conversation(t.timeline()));
    }

    /** In time order (a message is placed at the moment the person sent it, whenever it arrived). */
    static List<Entry> conversation(List<TimelineEntry> timeline) {
        return timeline.stream()
                .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(e -> new Entry(e.at(), e.kind(), e.visibleToPerson(), e.text(), e.id(), e.author(), e.channel(), e.requestRef(),
                        e.attachments()))
                .toList();
    }

    /** When the first answer is due; null once given. */
    private static Instant dueAt(FirstResponseClock clock) {
        return clock == null || clock.respondedAt() != null ? null : clock.dueAt();
    }

    private static FirstResponseClock.State state(FirstResponseClock clock, Instant now) {
        return clock == null ? null : clock.state(now);
    }

    /**
     * A line of a queue listing.
     *
     * @param firstResponse where the promised first answer stands now (LATE: past it), null once given
     */
    record QueueItem(String ticketId, String status, int level, String urgency, String category, String categoryLabel, boolean cyber,
            boolean cyberSuspected, boolean needsReview, Instant queuedAt, Instant firstResponseDueAt, FirstResponseClock.State firstResponse,
            String name, boolean possibleDuplicate) {

        static QueueItem of(Ticket t, Instant now) {
            FirstResponseClock clock = t.firstResponseClock();
            return new QueueItem(t.id(), t.status().name(), t.level(), t.urgency() == null ? null : t.urgency().name(), t.category(),
                    CATEGORIES.label(t.category()),
                    t.cyber(), t.cyberSuspected(), t.needsReview(), t.queuedAt(), dueAt(clock), state(clock, now), t.name(),
                    !t.possibleDuplicates().isEmpty());
        }
    }
}
