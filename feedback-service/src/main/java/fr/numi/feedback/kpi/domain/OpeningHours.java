package fr.numi.feedback.kpi.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hours the hotline is published as open, every day of the week: the hours availability is
 * measured over. A clock hour counts when it starts at or after {@code opens} and before
 * {@code closes}, local time.
 */
public record OpeningHours(LocalTime opens, LocalTime closes, ZoneId zone) {

    public OpeningHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(zone, "zone");
        if (!closes.isAfter(opens) && !closes.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("the hotline must close after it opens (" + opens + "–" + closes + ")");
        }
    }

    public boolean isOpen(Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(opens) && (closes.equals(LocalTime.MIDNIGHT) || local.isBefore(closes));
    }

    /** The start of every open clock hour that starts in [from, to). */
    public List<Instant> openHours(Instant from, Instant to) {
        List<Instant> hours = new ArrayList<>();
        ZonedDateTime hour = from.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        if (hour.toInstant().isBefore(from)) {
            hour = hour.plusHours(1);
        }
        for (; hour.toInstant().isBefore(to); hour = hour.plusHours(1)) {
            if (isOpen(hour.toInstant())) {
                hours.add(hour.toInstant());
            }
        }
        return hours;
    }

    /** The start of the clock hour holding this instant. */
    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
