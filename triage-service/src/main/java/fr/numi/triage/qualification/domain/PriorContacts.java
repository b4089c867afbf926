package fr.numi.triage.qualification.domain;

/**
 * What triage remembers of a person when a new message arrives (never the words, only decisions).
 *
 * @param ticketLevel the highest level already decided on the same ticket, 0 when this is its first message
 * @param ticketTier the highest cyber tier already decided on the ticket
 * @param ticketCategory the category of the earlier decision that set the level or the tier, null when none
 * @param ticketUrgency the highest urgency already decided on the ticket, null when none
 * @param recentContacts how many earlier contacts (any ticket) the person made within the repeat window
 */
public record PriorContacts(int ticketLevel, CyberTier ticketTier, String ticketCategory, Urgency ticketUrgency, int recentContacts) {

    public static final PriorContacts NONE = new PriorContacts(0, CyberTier.NONE, null, null, 0);

    public PriorContacts {
        ticketTier = ticketTier == null ? CyberTier.NONE : ticketTier;
    }

    public boolean followUp() {
        return ticketLevel > 0;
    }
}
