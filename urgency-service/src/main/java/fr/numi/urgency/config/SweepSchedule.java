package fr.numi.urgency.config;

import fr.numi.urgency.emergency.application.CyberUrgencyProtocol;
import fr.numi.urgency.emergency.application.DeliveryOutcomes;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code numi.urgency.protocol.sweep-every}: resume urgencies left half-way (an instance died), and
 * send the pages never sent (the urgency's own, and those about a message intake could not deliver).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SweepSchedule {

    private final CyberUrgencyProtocol protocol;
    private final DeliveryOutcomes deliveries;

    SweepSchedule(CyberUrgencyProtocol protocol, DeliveryOutcomes deliveries) {
        this.protocol = protocol;
        this.deliveries = deliveries;
    }

    @Scheduled(initialDelayString = "${numi.urgency.protocol.sweep-every:PT1M}", fixedDelayString = "${numi.urgency.protocol.sweep-every:PT1M}")
    void sweep() {
        protocol.sweep();
        deliveries.sweep();
    }
}
