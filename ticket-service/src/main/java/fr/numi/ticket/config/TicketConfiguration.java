package fr.numi.ticket.config;

import fr.numi.ticket.ticket.application.TimerSettings;
import fr.numi.ticket.ticket.domain.SlaPolicy;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TicketConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TimerSettings timerSettings(TicketProperties properties) {
        return properties.timers();
    }

    @Bean
    SlaPolicy slaPolicy(TicketProperties properties) {
        return properties.sla().policy();
    }
}
