package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.SurveyPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code feedback.survey-requested.v1}, key = ticket id, CloudEvents binary mode, acks=all. */
@Component
class KafkaSurveyPublisher implements SurveyPublisher {

    static final String TOPIC = "feedback.survey-requested.v1";
    static final String TYPE = "fr.numi.feedback.survey-requested.v1";
    static final String SOURCE = "/numi/feedback-service";

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    KafkaSurveyPublisher(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void publish(SurveyRequest r) {
        SurveyRequested body = new SurveyRequested(r.surveyId(), r.ticketId(), r.customerId(), r.channel(), new Scale(1, 5), r.level(),
                r.resolvedAt(), r.requestedAt());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, r.ticketId(), json.writeValueAsBytes(body));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", r.surveyId());
        header(record, "ce_source", SOURCE);
        header(record, "ce_type", TYPE);
        header(record, "ce_time", r.requestedAt().toString());
        header(record, "ce_subject", r.ticketId());
        header(record, "content-type", "application/json");
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while requesting the survey of " + r.ticketId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the survey of " + r.ticketId(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Body of {@code feedback.survey-requested.v1}. */
    record SurveyRequested(String surveyId, String ticketId, String customerId, String channel, Scale scale, Integer level,
            Instant resolvedAt, Instant requestedAt) {}

    record Scale(int min, int max) {}
}
