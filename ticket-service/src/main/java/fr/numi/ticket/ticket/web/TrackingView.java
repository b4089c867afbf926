package fr.numi.ticket.web;

import fr.numi.ticket.domain.SupportLevel;
import fr.numi.ticket.domain.Ticket;
import fr.numi.ticket.domain.TimelineEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the person sees on their tracking page: plain French, their own messages and the agents'
 * answers, public steps only (no internal notes, no triage reasons, no agent names).
 *
 * @param resolutionCheck the agent resolved the ticket and waits for « Est-ce réglé ? »
 * @param canReply the person may write here (the ticket still takes their messages)
 */
record TrackingView(
        String ticketId,
        String status,
        String statusLabel,
        String nextStep,
        Integer level,
        String levelLabel,
        boolean cyberUrgency,
        Instant receivedAt,
        Instant updatedAt,
        int version,
        FirstInstructions firstInstructions,
        boolean resolutionCheck,
        boolean canReply,
        List<Step> timeline) {

    /**
     * @param from {@code person} for the person's own messages, {@code agent} for an adviser's answer,
     *     null for a step
     */
    record Step(Instant at, String label, String from) {}

    /** On a cyber emergency: what to do right now, shown at the top of the page. */
    record FirstInstructions(String title, List<String> lines) {}

    static TrackingView of(Ticket ticket, Instant now) {
        return new TrackingView(
                ticket.id(),
                ticket.status().name(),
                ticket.status().label(),
                ticket.status().nextStep(),
                ticket.level(),
                SupportLevel.label(ticket.level()),
                ticket.cyber(),
                ticket.receivedAt(),
                ticket.updatedAt(),
                ticket.version(),
                ticket.cyberUrgency() == null || ticket.cyberUrgency().instructions().isEmpty() ? null
                        : new FirstInstructions(ticket.cyberUrgency().instructionsTitle(), ticket.cyberUrgency().instructions()),
                ticket.resolutionCheckPending(),
                ticket.acceptsMessagesAt(now),
                ticket.publicTimeline().stream()
                        .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                        .map(e -> new Step(e.at(), e.text(), e.personMessage() ? "person"
                                : TimelineEntry.AGENT_REPLY.equals(e.kind()) ? "agent" : null))
                        .toList());
    }
}
