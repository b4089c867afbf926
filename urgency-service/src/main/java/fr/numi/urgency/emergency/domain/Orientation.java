package fr.numi.urgency.emergency.domain;

import java.util.List;

/** Which services to contact for one incident type, in order. */
public record Orientation(IncidentType type, String intro, List<OrientationStep> steps) {

    public Orientation {
        steps = List.copyOf(steps);
    }
}
