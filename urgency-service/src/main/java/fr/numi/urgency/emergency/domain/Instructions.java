package fr.numi.urgency.emergency.domain;

import java.util.List;

/**
 * The first instructions for one incident type: what the person does in the first minute, one action
 * per line.
 */
public record Instructions(IncidentType type, String title, List<String> lines) {

    public Instructions {
        lines = List.copyOf(lines);
    }
}
