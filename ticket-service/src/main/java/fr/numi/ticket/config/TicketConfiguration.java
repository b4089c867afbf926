package fr.numi.ticket.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TicketConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
