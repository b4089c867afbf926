package fr.numi.intake.privacy.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.intake.privacy.application.Erasures;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The function beans of erasure (bindings in application.yml), one record per call: intake's own part of each erasure
 * ({@code intake.erasure-requested.v1}), and every service's answer ({@code <service>.erasure-completed.v1}) recorded in
 * the erasure's status. MongoDB or the broker away fails the call with a dependency failure: the record is tried again
 * without limit, never dead-lettered (ADR 6); a record intake cannot read is dead-lettered with the reason.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConsumers {

    static final Incoming<ErasureRequested> REQUESTED = Incoming.of(KafkaErasureAnnouncer.REQUESTED, ErasureRequested.class,
            KafkaErasureAnnouncer.REQUESTED_TYPE);

    private static final Logger LOG = LoggerFactory.getLogger(ErasureConsumers.class);
    private static final Duration AT_MOST = Duration.ofMinutes(2);

    private final EventReader events;

    ErasureConsumers(EventReader events) {
        this.events = events;
    }

    @Bean
    Consumer<Message<byte[]>> erasureRequested(Erasures erasures) {
        return message -> {
            ErasureRequested request = events.read(message, REQUESTED).body();
            Map<String, Long> counts = erasures.eraseOwnData(request.erasureId(), request.customerId()).block(AT_MOST);
            LOG.info("erasure {}: intake's data erased {}", request.erasureId(), counts);
        };
    }

    @Bean
    Consumer<Message<byte[]>> intakeErasureCompleted(Erasures erasures) {
        return completion(erasures, "intake");
    }

    @Bean
    Consumer<Message<byte[]>> ticketErasureCompleted(Erasures erasures) {
        return completion(erasures, "ticket");
    }

    @Bean
    Consumer<Message<byte[]>> triageErasureCompleted(Erasures erasures) {
        return completion(erasures, "triage");
    }

    @Bean
    Consumer<Message<byte[]>> urgencyErasureCompleted(Erasures erasures) {
        return completion(erasures, "urgency");
    }

    @Bean
    Consumer<Message<byte[]>> feedbackErasureCompleted(Erasures erasures) {
        return completion(erasures, "feedback");
    }

    /** A service's answer, on its own topic: the topic says which service answered (its only writer), not the body. */
    private Consumer<Message<byte[]>> completion(Erasures erasures, String service) {
        Incoming<ErasureCompleted> input = Incoming.of(service + ".erasure-completed.v1", ErasureCompleted.class,
                "fr.numi." + service + ".erasure-completed.v1");
        return message -> {
            ErasureCompleted done = events.read(message, input).body();
            erasures.recordCompletion(done.erasureId(), service + "-service").block(AT_MOST);
        };
    }
}
