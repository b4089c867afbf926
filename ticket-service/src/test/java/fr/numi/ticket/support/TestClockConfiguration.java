package fr.numi.ticket.support;

import fr.numi.ticket.ticket.application.TicketEventPublisher;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the system clock with one the tests move, and lets a test make the broker refuse the ticket's events. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Clock.systemUTC());
    }

    @Bean
    @Primary
    BrokerRefusals brokerRefusals(@Qualifier("kafkaTicketEventPublisher") TicketEventPublisher kafka) {
        return new BrokerRefusals(kafka);
    }
}
