package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.privacy.ErasureCompletions;
import fr.numi.feedback.kpi.application.ErasureAnswers;
import java.time.Clock;
import java.util.Map;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** {@code feedback.erasure-completed.v1}, key = customer id, {@code ce_id} = {@code <erasureId>:feedback-service} (contracts' {@link ErasureCompletions}). */
@Component
class KafkaErasureAnswers implements ErasureAnswers {

    static final String SERVICE = "feedback-service";

    private final ErasureCompletions completions;

    KafkaErasureAnswers(KafkaTemplate<String, byte[]> kafka, EventWriter events, Clock clock) {
        this.completions = new ErasureCompletions(kafka, events, clock, SERVICE);
    }

    @Override
    public void completed(String erasureId, String customerId, Map<String, Long> counts) {
        completions.completed(erasureId, customerId, counts);
    }
}
