package fr.numi.urgency.emergency.domain;

import java.util.Objects;

/** An authenticated agent: id, support level (1 to 3), supervisor or not. */
public record Agent(String id, int level, boolean supervisor) {

    public Agent {
        Objects.requireNonNull(id, "id");
    }

    /** Level 3 and supervisors handle cyber urgencies. */
    public boolean handlesUrgencies() {
        return supervisor || level >= 3;
    }
}
