package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes the KPIs of a window from the stored tickets and presence hours. Each fact counts in the
 * window in which it happened: a first response when it was given, a resolution when it happened, a
 * rating when it started to count, a volume when the ticket was received. See docs/services/feedback.md.
 */
public final class KpiCalculator {

    private final KpiTargets targets;
    private final KpiRules rules;
    private final OpeningHours openingHours;

    public KpiCalculator(KpiTargets targets, KpiRules rules, OpeningHours openingHours) {
        this.targets = targets;
        this.rules = rules;
        this.openingHours = openingHours;
    }

    public KpiReport compute(KpiQuery q, List<TicketKpis.Snapshot> tickets, List<PresenceHour> presence) {
        return new KpiReport(q.from(), q.to(), q.level(), q.channel(),
                new KpiReport.Targets(targets.satisfaction(), targets.firstResponse().toSeconds(), targets.firstContactResolution(),
                        targets.availability(), targets.cyberPickup().toSeconds()),
                satisfaction(q, tickets), firstResponse(q, tickets), firstContactResolution(q, tickets), resolutionTime(q, tickets),
                volumes(q, tickets), cyber(q, tickets), availability(q, presence));
    }

    private KpiReport.Satisfaction satisfaction(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        long ratings = 0;
        long satisfied = 0;
        long parked = 0;
        long comments = 0;
        Map<Integer, Long> byStars = new TreeMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            byStars.put(stars, 0L);
        }
        for (TicketKpis.Snapshot t : tickets) {
            TicketKpis.RatingState r = t.rating();
            if (r == null) {
                continue;
            }
            if (r.countedAt() == null) {
                if (q.matches(t.level(), t.channel())) {
                    parked++;
                }
            } else if (q.in(r.countedAt()) && q.matches(r.level(), r.channel())) {
                ratings++;
                satisfied += r.satisfied() ? 1 : 0;
                byStars.merge(r.stars(), 1L, Long::sum);
                comments += r.withComment() ? 1 : 0;
            }
        }
        return new KpiReport.Satisfaction(ratings, satisfied, rate(satisfied, ratings), byStars, parked, comments);
    }

    private KpiReport.FirstResponse firstResponse(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        List<Duration> durations = new ArrayList<>();
        for (TicketKpis.Snapshot t : tickets) {
            if (t.receivedAt() != null && q.in(t.firstResponseAt()) && q.matches(t.firstResponseLevel(), t.channel())) {
                durations.add(between(t.receivedAt(), t.firstResponseAt()));
            }
        }
        long within = durations.stream().filter(d -> d.compareTo(targets.firstResponse()) <= 0).count();
        List<KpiReport.Bucket> buckets = Buckets.FIRST_RESPONSE.stream()
                .map(le -> new KpiReport.Bucket(le.toSeconds(), durations.stream().filter(d -> d.compareTo(le) <= 0).count()))
                .toList();
        return new KpiReport.FirstResponse(distribution(durations), within, rate(within, durations.size()), buckets);
    }

    private KpiReport.FirstContactResolution firstContactResolution(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        long resolved = 0;
        long firstContact = 0;
        for (TicketKpis.Snapshot t : tickets) {
            if (q.in(t.firstResolvedAt()) && q.matches(t.resolvedLevel(), t.channel())) {
                resolved++;
                firstContact += TicketKpis.restore(t).firstContactResolution(rules) ? 1 : 0;
            }
        }
        return new KpiReport.FirstContactResolution(resolved, firstContact, rate(firstContact, resolved));
    }

    private KpiReport.Distribution resolutionTime(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        List<Duration> durations = new ArrayList<>();
        for (TicketKpis.Snapshot t : tickets) {
            if (t.receivedAt() != null && q.in(t.firstResolvedAt()) && q.matches(t.resolvedLevel(), t.channel())) {
                durations.add(between(t.receivedAt(), t.firstResolvedAt()));
            }
        }
        return distribution(durations);
    }

    private KpiReport.Volumes volumes(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        List<TicketKpis.Snapshot> received = tickets.stream()
                .filter(t -> q.in(t.receivedAt()) && q.matches(t.qualifiedLevel(), t.channel()))
                .toList();
        return new KpiReport.Volumes(received.size(),
                count(received, t -> String.valueOf(t.channel())),
                count(received, t -> t.qualifiedLevel() == null ? "unqualified" : t.qualifiedLevel().toString()),
                count(received, t -> t.qualifiedLevel() == null ? "unqualified" : String.valueOf(t.qualifiedCategory())));
    }

    private KpiReport.Cyber cyber(KpiQuery q, List<TicketKpis.Snapshot> tickets) {
        long urgencies = 0;
        long awaiting = 0;
        List<Duration> pickups = new ArrayList<>();
        for (TicketKpis.Snapshot t : tickets) {
            if (t.cyberSince() == null || !q.matches(t.level(), t.channel())) {
                continue;
            }
            urgencies += q.in(t.cyberSince()) ? 1 : 0;
            if (t.level3ClaimedAt() != null && q.in(t.level3ClaimedAt())) {
                pickups.add(between(t.cyberSince(), t.level3ClaimedAt()));
            }
            if (t.level3ClaimedAt() == null && t.firstResolvedAt() == null && t.cyberSince().isBefore(q.to())) {
                awaiting++;
            }
        }
        long within = pickups.stream().filter(d -> d.compareTo(targets.cyberPickup()) <= 0).count();
        return new KpiReport.Cyber(urgencies, pickups.size(), within, distribution(pickups), awaiting);
    }

    private KpiReport.Availability availability(KpiQuery q, List<PresenceHour> presence) {
        List<Integer> levels = q.level() == null ? List.of(1, 2, 3) : List.of(q.level());
        Set<String> staffed = new HashSet<>();
        for (PresenceHour p : presence) {
            staffed.add(p.level() + "@" + p.hour());
        }
        List<Instant> open = openingHours.openHours(q.from(), q.to());
        Map<String, KpiReport.LevelAvailability> byLevel = new TreeMap<>();
        for (int level : levels) {
            long hours = open.stream().filter(h -> staffed.contains(level + "@" + h)).count();
            byLevel.put(Integer.toString(level), new KpiReport.LevelAvailability(hours, rate(hours, open.size())));
        }
        long available = open.stream().filter(h -> levels.stream().allMatch(l -> staffed.contains(l + "@" + h))).count();
        return new KpiReport.Availability(open.size(), available, rate(available, open.size()), byLevel);
    }

    // ------------------------------------------------------------------ arithmetic

    static KpiReport.Distribution distribution(List<Duration> durations) {
        if (durations.isEmpty()) {
            return new KpiReport.Distribution(0, null, null, null, null);
        }
        List<Long> seconds = durations.stream().map(Duration::toSeconds).sorted().toList();
        double mean = seconds.stream().mapToLong(Long::longValue).average().orElseThrow();
        return new KpiReport.Distribution(seconds.size(), mean, nearestRank(seconds, 0.5), nearestRank(seconds, 0.9),
                seconds.get(seconds.size() - 1));
    }

    /** The nearest-rank percentile: the smallest value with at least p of the values at or below it. */
    static long nearestRank(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Map<String, Long> count(List<TicketKpis.Snapshot> tickets, Function<TicketKpis.Snapshot, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        tickets.forEach(t -> counts.merge(key.apply(t), 1L, Long::sum));
        return counts;
    }
}
