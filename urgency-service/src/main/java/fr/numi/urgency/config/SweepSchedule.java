package fr.numi.urgency.config;

import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Every {@code numi.urgency.protocol.sweep-every}: resume urgencies left half-way (an instance died) and pages never sent. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepSchedule {

    private final CyberUrgencyProtocol protocol;

    SweepSchedule(CyberUrgencyProtocol protocol) {
        this.protocol = protocol;
    }

    @Scheduled(initialDelayString = "${numi.urgency.protocol.sweep-every:PT1M}", fixedDelayString = "${numi.urgency.protocol.sweep-every:PT1M}")
    void sweep() {
        protocol.sweep();
    }
}
