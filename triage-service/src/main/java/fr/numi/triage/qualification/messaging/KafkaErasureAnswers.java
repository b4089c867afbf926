package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.privacy.ErasureCompletions;
import fr.numi.triage.qualification.application.ErasureAnswers;
import java.time.Clock;
import java.util.Map;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** {@code triage.erasure-completed.v1}, key = customer id, {@code ce_id} = {@code <erasureId>:triage-service} (contracts' {@link ErasureCompletions}). */
@Component
class KafkaErasureAnswers implements ErasureAnswers {

    static final String SERVICE = "triage-service";

    private final ErasureCompletions completions;

    KafkaErasureAnswers(KafkaTemplate<String, byte[]> kafka, EventWriter events, Clock clock) {
        this.completions = new ErasureCompletions(kafka, events, clock, SERVICE);
    }

    @Override
    public void completed(String erasureId, String customerId, Map<String, Long> counts) {
        completions.completed(erasureId, customerId, counts);
    }
}
