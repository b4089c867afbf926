package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.feedback.kpi.application.SurveyPublisher;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Writes {@code feedback.survey-requested.v1}, key = ticket id, CloudEvents binary mode ({@link EventWriter}), acks=all. */
@Component
class KafkaSurveyPublisher implements SurveyPublisher {

    static final String TOPIC = "feedback.survey-requested.v1";
    static final String TYPE = "fr.numi.feedback.survey-requested.v1";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventWriter events;

    KafkaSurveyPublisher(KafkaTemplate<String, byte[]> kafka, EventWriter events) {
        this.kafka = kafka;
        this.events = events;
    }

    @Override
    public void publish(SurveyRequest r) {
        SurveyRequested body = new SurveyRequested(r.surveyId(), r.ticketId(), r.customerId(), r.channel(), new Scale(1, 5), r.level(),
                r.resolvedAt(), r.requestedAt());
        try {
            kafka.send(events.record(TOPIC, r.ticketId(), r.surveyId(), TYPE, r.ticketId(), r.requestedAt(), body))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while requesting the survey of " + r.ticketId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the survey of " + r.ticketId(), e);
        }
    }

    /** Body of {@code feedback.survey-requested.v1}. */
    record SurveyRequested(String surveyId, String ticketId, String customerId, String channel, Scale scale, Integer level,
            Instant resolvedAt, Instant requestedAt) {}

    record Scale(int min, int max) {}
}
