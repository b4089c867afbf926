package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.util.List;

/** Histogram bucket bounds, shared by the Prometheus histograms and the KPI API. */
public final class Buckets {

    /** First response: dense around the 2 h target. */
    public static final List<Duration> FIRST_RESPONSE = List.of(
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofMinutes(90), Duration.ofHours(2),
            Duration.ofMinutes(150), Duration.ofHours(3), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24));

    /** Resolution: hours to a week. */
    public static final List<Duration> RESOLUTION = List.of(
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofDays(1),
            Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14));

    /** Level-3 pickup of a cyber emergency: dense around the 15 min target. */
    public static final List<Duration> CYBER_PICKUP = List.of(
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(20),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2));

    private Buckets() {}
}
