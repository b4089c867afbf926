package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A KPI question: the facts established in [from, to), optionally for one level and one channel.
 */
public record KpiQuery(Instant from, Instant to, Integer level, String channel) {

    public static final Duration LONGEST = Duration.ofDays(366);
    public static final Set<String> CHANNELS = Set.of("WEB", "WHATSAPP", "PHONE");

    public KpiQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidKpiQueryException("from", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidKpiQueryException("from", "the window is at most 366 days");
        }
        if (level != null && (level < 1 || level > 3)) {
            throw new InvalidKpiQueryException("level", "level is 1, 2 or 3");
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw new InvalidKpiQueryException("channel", "channel is WEB, WHATSAPP or PHONE");
        }
    }

    boolean in(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    boolean matches(Integer factLevel, String factChannel) {
        return (level == null || level.equals(factLevel)) && (channel == null || channel.equals(factChannel));
    }
}
