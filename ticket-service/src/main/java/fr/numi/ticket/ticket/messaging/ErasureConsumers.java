package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.ticket.ticket.application.ErasePerson;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code intake.erasure-requested.v1} (group ticket-service): the person's tickets made anonymous, then the answer on
 * {@code ticket.erasure-completed.v1}. MongoDB or the broker away: the record again, without limit (ADR 6).
 */
@Configuration(proxyBeanMethods = false)
class ErasureConsumers {

    @Bean
    Consumer<Message<byte[]>> erasureRequested(EventReader events, ErasePerson erasePerson) {
        return message -> {
            ErasureRequested request = events.read(message, ErasureRequested.INCOMING).body();
            erasePerson.erase(request.erasureId(), request.customerId());
        };
    }
}
