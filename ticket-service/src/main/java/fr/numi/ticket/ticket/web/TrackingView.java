package fr.numi.ticket.ticket.web;

import fr.numi.ticket.ticket.domain.SupportLevel;
import fr.numi.ticket.ticket.domain.Ticket;
import fr.numi.ticket.ticket.domain.TimelineEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the person sees on their tracking page: plain French, their own messages and the agents'
 * answers, public steps only (no internal notes, no triage reasons, no agent names).
 *
 * @param resolutionCheck the agent resolved the ticket and waits for « Est-ce réglé ? »
 * @param canReply the person may write here (the ticket still takes their messages)
 * @param contactToVerify the number they typed and have not proven yet, masked (they may prove it with a
 *     code to get answers by SMS), or null
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
        String contactToVerify,
        List<Step> timeline) {

    /**
     * @param from {@code person} for the person's own messages, {@code agent} for an adviser's answer,
     *     null for a step
     */
    record Step(Instant at, String label, String from) {}

    /** On a cyber emergency: what to do right now, shown at the top of the page. */
    record FirstInstructions(String title, List<String> lines) {}

    /** {@code +33612345678} → {@code +336••••••78}: enough to recognise one's number, not to read it. */
    static String mask(String value) {
        if (value.length() <= 6) {
            return "•".repeat(value.length());
        }
        return value.substring(0, 4) + "•".repeat(value.length() - 6) + value.substring(value.length() - 2);
    }

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
                ticket.contacts().stream().filter(c -> !c.proven() && !"EMAIL".equals(c.kind())).map(c -> mask(c.value())).findFirst()
                        .orElse(null),
                ticket.publicTimeline().stream()
                        .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                        .map(e -> new Step(e.at(), e.text(), e.personMessage() ? "person"
                                : TimelineEntry.AGENT_REPLY.equals(e.kind()) ? "agent" : null))
                        .toList());
    }
}
