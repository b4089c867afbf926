package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The KPIs of a window, as the KPI API returns them. Durations in seconds; rates in [0, 1], null when nothing was measured. */
public record KpiReport(
        Instant from,
        Instant to,
        Integer level,
        String channel,
        Targets targets,
        Satisfaction satisfaction,
        FirstResponse firstResponse,
        FirstContactResolution firstContactResolution,
        Distribution resolutionTime,
        Volumes volumes,
        Cyber cyber,
        Availability availability) {

    public record Targets(
            double satisfaction, long firstResponseSeconds, double firstContactResolution, double availability, long cyberPickupSeconds) {}

    /**
     * Ratings that count in the window; {@code parked}: ratings of tickets not resolved yet (all time);
     * {@code comments}: counted ratings that came with a comment.
     */
    public record Satisfaction(long ratings, long satisfied, Double rate, Map<Integer, Long> byStars, long parked, long comments) {}

    public record Distribution(long count, Double meanSeconds, Long p50Seconds, Long p90Seconds, Long maxSeconds) {}

    /** {@code buckets}: cumulative counts, each the number of first responses within {@code leSeconds}. */
    public record FirstResponse(Distribution distribution, long withinTarget, Double withinTargetRate, List<Bucket> buckets) {}

    public record Bucket(long leSeconds, long count) {}

    public record FirstContactResolution(long resolved, long firstContact, Double rate) {}

    public record Volumes(long received, Map<String, Long> byChannel, Map<String, Long> byLevel, Map<String, Long> byCategory) {}

    public record Cyber(long urgencies, long pickedUp, long pickedUpWithinTarget, Distribution pickup, long awaitingLevel3) {}

    public record Availability(long openHours, long availableHours, Double rate, Map<String, LevelAvailability> byLevel) {}

    public record LevelAvailability(long staffedHours, Double rate) {}
}
