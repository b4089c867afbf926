package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The hotline's published targets.
 *
 * @param satisfaction share of ratings 4–5 (0.95)
 * @param firstResponse first public answer within (2 h)
 * @param firstContactResolution share of resolutions at first contact (0.87)
 * @param availability share of opening hours with every level staffed (1.0: open 7 days a week)
 * @param cyberPickup a cyber emergency claimed by level 3 within (15 min)
 */
public record KpiTargets(
        double satisfaction, Duration firstResponse, double firstContactResolution, double availability, Duration cyberPickup) {

    public KpiTargets {
        Objects.requireNonNull(firstResponse, "firstResponse");
        Objects.requireNonNull(cyberPickup, "cyberPickup");
    }

    public static KpiTargets published() {
        return new KpiTargets(0.95, Duration.ofHours(2), 0.87, 1.0, Duration.ofMinutes(15));
    }
}
