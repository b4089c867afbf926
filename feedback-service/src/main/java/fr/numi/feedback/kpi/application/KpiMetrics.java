package fr.numi.feedback.kpi.application;

import fr.numi.feedback.kpi.domain.Buckets;
import fr.numi.feedback.kpi.domain.KpiFact;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The KPI facts as Prometheus counters and histograms ({@code numi_} prefix, tagged
 * {@code application}). A fact reaches here once, when the store accepted the event that
 * established it; the PromQL in deploy/observability turns them into the KPIs.
 */
@Component
public class KpiMetrics {

    private static final List<String> CHANNELS = List.of("WEB", "WHATSAPP", "PHONE");
    private static final List<String> LEVELS = List.of("1", "2", "3");

    private final MeterRegistry meters;

    public KpiMetrics(MeterRegistry meters) {
        this.meters = meters;
        preRegister();
    }

    /**
     * Creates the KPI series of every level and channel at 0, so that Prometheus' {@code increase()}
     * sees the first event of each (a series born at 1 loses it) and the alerts have data from the start.
     */
    private void preRegister() {
        for (String channel : CHANNELS) {
            counterOf("numi.tickets.received", "New tickets, by channel", "channel", channel);
            counterOf("numi.cyber.urgencies", "Tickets that became cyber emergencies", "channel", channel);
            timerOf("numi.cyber.level3.pickup", "Cyber emergency to its claim by a level-3 agent", Buckets.CYBER_PICKUP,
                    "channel", channel);
            for (String level : LEVELS) {
                counterOf("numi.tickets.resolved", "First resolutions of tickets", "level", level, "channel", channel);
                counterOf("numi.tickets.first.contact.resolutions", "First resolutions with no escalation (voided by a reopening)",
                        "level", level, "channel", channel);
                counterOf("numi.tickets.first.contact.voided", "First-contact resolutions voided by a reopening within 7 days",
                        "level", level, "channel", channel);
                timerOf("numi.ticket.first.response", "Reception to the first public answer by an agent", Buckets.FIRST_RESPONSE,
                        "level", level, "channel", channel);
                timerOf("numi.ticket.resolution", "Reception to the first resolution", Buckets.RESOLUTION, "level", level,
                        "channel", channel);
                for (int stars = 1; stars <= 5; stars++) {
                    counterOf("numi.feedback.ratings", "Ratings that count (one per resolved ticket), by stars",
                            "rating", Integer.toString(stars), "satisfied", Boolean.toString(stars >= 4), "level", level,
                            "channel", channel);
                }
            }
        }
    }

    public void record(List<KpiFact> facts) {
        facts.forEach(this::record);
    }

    private void record(KpiFact fact) {
        // Java 17: no pattern matching for switch yet.
        if (fact instanceof KpiFact.StatusReached f) {
            counter("numi.ticket.lifecycle.events", "Ticket state changes, by the state reached", "status", f.status().name());
        } else if (fact instanceof KpiFact.TicketReceived f) {
            counter("numi.tickets.received", "New tickets, by channel", "channel", label(f.channel()));
        } else if (fact instanceof KpiFact.TicketQualified f) {
            counter("numi.tickets.qualified", "Tickets by their first qualification",
                    "level", label(f.level()), "channel", label(f.channel()), "category", label(f.category()));
        } else if (fact instanceof KpiFact.FirstResponded f) {
            timer("numi.ticket.first.response", "Reception to the first public answer by an agent",
                    Buckets.FIRST_RESPONSE, f.after(), "level", label(f.level()), "channel", label(f.channel()));
        } else if (fact instanceof KpiFact.TicketResolved f) {
            counter("numi.tickets.resolved", "First resolutions of tickets", "level", label(f.level()), "channel",
                    label(f.channel()));
            if (f.firstContact()) {
                counter("numi.tickets.first.contact.resolutions", "First resolutions with no escalation (voided by a reopening)",
                        "level", label(f.level()), "channel", label(f.channel()));
            }
            if (f.after() != null) {
                timer("numi.ticket.resolution", "Reception to the first resolution", Buckets.RESOLUTION, f.after(),
                        "level", label(f.level()), "channel", label(f.channel()));
            }
        } else if (fact instanceof KpiFact.FirstContactVoided f) {
            counter("numi.tickets.first.contact.voided", "First-contact resolutions voided by a reopening within 7 days",
                    "level", label(f.level()), "channel", label(f.channel()));
        } else if (fact instanceof KpiFact.CyberUrgencyStarted f) {
            counter("numi.cyber.urgencies", "Tickets that became cyber emergencies", "channel", label(f.channel()));
        } else if (fact instanceof KpiFact.Level3PickedUp f) {
            timer("numi.cyber.level3.pickup", "Cyber emergency to its claim by a level-3 agent",
                    Buckets.CYBER_PICKUP, f.after(), "channel", label(f.channel()));
        } else if (fact instanceof KpiFact.RatingCounted f) {
            counter("numi.feedback.ratings", "Ratings that count (one per resolved ticket), by stars",
                    "rating", Integer.toString(f.stars()), "satisfied", Boolean.toString(f.stars() >= 4), "level", label(f.level()),
                    "channel", label(f.channel()));
            if (f.withComment()) {
                counter("numi.feedback.comments", "Counted ratings that came with a comment (read by the ticket's agents)",
                        "satisfied", Boolean.toString(f.stars() >= 4), "level", label(f.level()), "channel", label(f.channel()));
            }
        } else if (fact instanceof KpiFact.RatingParked) {
            counter("numi.feedback.ratings.parked", "Ratings kept until their ticket is resolved");
        } else if (fact instanceof KpiFact.RatingIgnored f) {
            counter("numi.feedback.ratings.ignored", "Ratings that do not count", "reason", f.reason());
        }
    }

    public void surveyRequested(String channel) {
        counter("numi.feedback.surveys.requested", "Survey requests written for intake", "channel", label(channel));
    }

    private void counter(String name, String description, String... tags) {
        counterOf(name, description, tags).increment();
    }

    private Counter counterOf(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(meters);
    }

    private void timer(String name, String description, List<Duration> buckets, Duration value, String... tags) {
        timerOf(name, description, buckets, tags).record(value);
    }

    private Timer timerOf(String name, String description, List<Duration> buckets, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .serviceLevelObjectives(buckets.toArray(Duration[]::new))
                .register(meters);
    }

    private static String label(Object value) {
        return value == null ? "none" : value.toString();
    }
}
