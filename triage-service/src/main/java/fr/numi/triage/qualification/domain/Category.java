package fr.numi.triage.qualification.domain;

import java.util.List;

/**
 * A kind of situation the hotline knows, with where it goes by default.
 *
 * @param id kebab-case name carried in events ({@code printing}, {@code card-fraud})
 * @param label French label for people
 * @param level support level 1, 2 or 3
 * @param urgency default urgency
 * @param cyber whether it is a cyber emergency (then level 3, HIGH or CRITICAL)
 * @param keywords what makes triage think of it
 */
public record Category(String id, String label, int level, Urgency urgency, boolean cyber, List<Keyword> keywords) {

    public Category {
        keywords = List.copyOf(keywords);
    }
}
