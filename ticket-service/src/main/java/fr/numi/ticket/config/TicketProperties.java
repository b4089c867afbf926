package fr.numi.ticket.config;

import fr.numi.ticket.ticket.application.TimerSettings;
import fr.numi.ticket.ticket.domain.SlaPolicy;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of ticket-service, bound from {@code numi.ticket.*}.
 *
 * @param sla first-response targets
 * @param timers the outbox relay and the timers (docs/adr/0007); defaults in {@link TimerSettings}
 */
@Validated
@ConfigurationProperties("numi.ticket")
public record TicketProperties(Sla sla, TimerSettings timers) {

    public TicketProperties {
        sla = sla == null ? new Sla(null, null, null, 0) : sla;
        timers = timers == null ? new TimerSettings(null, null, null, null, 0) : timers;
    }

    /**
     * @param firstResponse default first-response target (2 h, the hotline's published promise)
     * @param cyberFirstResponse target for cyber emergencies (15 min)
     * @param targets per level ("2") or level and urgency ("2-HIGH")
     * @param warningRatio share of the target at which the warning event is emitted
     */
    public record Sla(Duration firstResponse, Duration cyberFirstResponse, Map<String, Duration> targets, double warningRatio) {

        public SlaPolicy policy() {
            return new SlaPolicy(
                    firstResponse == null ? Duration.ofHours(2) : firstResponse,
                    cyberFirstResponse == null ? Duration.ofMinutes(15) : cyberFirstResponse,
                    targets,
                    warningRatio <= 0 ? 0.75 : warningRatio);
        }
    }
}
