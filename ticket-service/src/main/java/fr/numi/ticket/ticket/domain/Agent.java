package fr.numi.ticket.ticket.domain;

import java.util.Objects;

/**
 * Someone acting on tickets: an agent of level 1, 2 or 3, or a supervisor (who sees and may do
 * everything). An agent never sees a ticket above their level.
 */
public record Agent(String id, int level, boolean supervisor) {

    public Agent {
        Objects.requireNonNull(id, "id");
        SupportLevel.check(level);
    }

    public boolean maySee(Ticket ticket) {
        return supervisor || ticket.level() == null || ticket.level() <= level;
    }
}
