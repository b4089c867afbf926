package fr.numi.triage.qualification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One earlier contact of a person as triage remembers it: which request, which ticket, when, and
 * what was decided. Never the words.
 */
public record ContactRecord(
        String requestId, String ticketId, Instant at, int level, CyberTier cyberTier, String category, Urgency urgency) {

    public ContactRecord {
        cyberTier = cyberTier == null ? CyberTier.NONE : cyberTier;
    }

    /** What a new message on {@code ticketId} must take into account from this person's history. */
    public static PriorContacts prior(List<ContactRecord> history, String requestId, String ticketId, Instant now, Duration window) {
        int ticketLevel = 0;
        CyberTier ticketTier = CyberTier.NONE;
        String ticketCategory = null;
        Urgency ticketUrgency = null;
        int recent = 0;
        Instant since = now.minus(window);
        for (ContactRecord c : history) {
            if (c.requestId().equals(requestId)) {
                continue; // this very request, redelivered: it must not count against itself
            }
            if (c.ticketId().equals(ticketId)) {
                if (c.level() > ticketLevel || c.cyberTier().compareTo(ticketTier) > 0) {
                    ticketCategory = c.category();
                }
                ticketLevel = Math.max(ticketLevel, c.level());
                ticketTier = ticketTier.atLeast(c.cyberTier());
                if (ticketUrgency == null || (c.urgency() != null && c.urgency().compareTo(ticketUrgency) > 0)) {
                    ticketUrgency = c.urgency();
                }
            }
            if (!c.at().isBefore(since) && !c.at().isAfter(now)) {
                recent++;
            }
        }
        return new PriorContacts(ticketLevel, ticketTier, ticketCategory, ticketUrgency, recent);
    }
}
