package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules the KPIs are computed by.
 *
 * @param reopenVoidsFirstContactWithin a reopening this soon after the first resolution voids first-contact resolution (7 days)
 * @param surveyMaxAge a survey is requested only for a resolution at most this old when it is read (so a replay asks nobody again)
 */
public record KpiRules(Duration reopenVoidsFirstContactWithin, Duration surveyMaxAge) {

    public KpiRules {
        Objects.requireNonNull(reopenVoidsFirstContactWithin, "reopenVoidsFirstContactWithin");
        Objects.requireNonNull(surveyMaxAge, "surveyMaxAge");
    }

    public static KpiRules standard() {
        return new KpiRules(Duration.ofDays(7), Duration.ofDays(1));
    }
}
