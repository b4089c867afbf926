package fr.numi.ticket.web;

import fr.numi.ticket.domain.SupportLevel;
import fr.numi.ticket.domain.Ticket;
import java.time.Instant;
import java.util.List;

/** What the person sees on their tracking page: plain French, public steps only, no internal notes. */
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
        List<Step> timeline) {

    record Step(Instant at, String label) {}

    /** On a cyber emergency: what to do right now, shown at the top of the page. */
    record FirstInstructions(String title, List<String> lines) {}

    static TrackingView of(Ticket ticket) {
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
                ticket.publicTimeline().stream().map(e -> new Step(e.at(), e.text())).toList());
    }
}
