package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.OpeningHours;
import fr.numi.feedback.kpi.domain.PresenceHour;
import fr.numi.feedback.kpi.domain.TicketKpis;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store on a schedule, so they are right after a restart and the same on every
 * instance: cyber tickets waiting for level 3 (and the oldest wait), ratings waiting for their
 * resolution, whether each level is staffed now, whether the hotline is open now.
 */
@Component
public class KpiGauges {

    private static final Logger log = LoggerFactory.getLogger(KpiGauges.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A level is staffed now when one of its agents acted within this long. */
    public static final Duration STAFFED_WITHIN = Duration.ofHours(1);

    private final TicketKpiStore store;
    private final PresenceStore presence;
    private final OpeningHours openingHours;
    private final Clock clock;
    private final AtomicLong awaitingLevel3 = new AtomicLong();
    private final AtomicLong oldestAwaitingSeconds = new AtomicLong();
    private final AtomicLong parkedRatings = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final Map<Integer, AtomicLong> staffed = new ConcurrentHashMap<>();

    public KpiGauges(TicketKpiStore store, PresenceStore presence, OpeningHours openingHours, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.presence = presence;
        this.openingHours = openingHours;
        this.clock = clock;
        Gauge.builder("numi.cyber.awaiting.level3", awaitingLevel3, AtomicLong::get)
                .description("Cyber emergencies not yet claimed by a level-3 agent").register(meters);
        Gauge.builder("numi.cyber.awaiting.level3.oldest", oldestAwaitingSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unclaimed cyber emergency has waited for level 3 (0 when none)").register(meters);
        Gauge.builder("numi.feedback.ratings.awaiting.resolution", parkedRatings, AtomicLong::get)
                .description("Ratings kept until their ticket's resolution arrives").register(meters);
        Gauge.builder("numi.hotline.open", open, AtomicLong::get)
                .description("1 during the published opening hours").register(meters);
        for (int level = 1; level <= 3; level++) {
            AtomicLong value = new AtomicLong();
            staffed.put(level, value);
            Gauge.builder("numi.level.staffed", value, AtomicLong::get).tag("level", Integer.toString(level))
                    .description("1 when an agent of this level acted on a ticket within the last hour (presence signal)")
                    .register(meters);
        }
    }

    @Scheduled(initialDelayString = "${numi.feedback.gauges-refresh:15s}", fixedDelayString = "${numi.feedback.gauges-refresh:15s}")
    public void refresh() {
        Instant now = clock.instant();
        try {
            List<TicketKpis.Snapshot> waiting = store.findAwaitingLevel3().collectList().block(TIMEOUT);
            awaitingLevel3.set(waiting.size());
            oldestAwaitingSeconds.set(waiting.stream()
                    .map(t -> Duration.between(t.cyberSince(), now).toSeconds())
                    .max(Long::compare)
                    .map(s -> Math.max(s, 0))
                    .orElse(0L));
            parkedRatings.set(store.countParkedRatings().block(TIMEOUT));
            List<PresenceHour> recent = presence.find(OpeningHours.hourOf(now.minus(STAFFED_WITHIN)), now.plusSeconds(1))
                    .collectList().block(TIMEOUT);
            staffed.forEach((level, value) -> value.set(recent.stream()
                    .anyMatch(p -> p.level() == level && !p.lastSeenAt().isBefore(now.minus(STAFFED_WITHIN))) ? 1 : 0));
            open.set(openingHours.isOpen(now) ? 1 : 0);
        } catch (RuntimeException e) {
            log.warn("KPI gauges not refreshed: {}", e.toString());
        }
    }
}
