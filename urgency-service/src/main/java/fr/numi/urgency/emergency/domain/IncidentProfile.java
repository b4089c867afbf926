package fr.numi.urgency.emergency.domain;

import java.util.List;

/**
 * How an incident type is recognised and named.
 *
 * @param label as level 3 and the person read it ("fraude à la carte bancaire")
 * @param triageCategories triage categories that mean this type exactly
 * @param keywords normalised keywords of the person's text; a trailing {@code *} makes the last word a prefix
 */
public record IncidentProfile(IncidentType type, String label, List<String> triageCategories, List<String> keywords) {

    public IncidentProfile {
        triageCategories = List.copyOf(triageCategories);
        keywords = List.copyOf(keywords);
    }
}
