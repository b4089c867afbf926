package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.CountKpiEvents;
import fr.numi.feedback.kpi.domain.FeedbackGiven;
import fr.numi.feedback.kpi.domain.Rating;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code feedbackReceived} function bound to {@code intake.feedback-received.v1} (group
 * {@code feedback-service}). Whatever it throws makes the binder retry, then dead-letter to
 * {@code intake.feedback-received.v1.feedback-service.dlq}.
 */
@Component("feedbackReceived")
class FeedbackReceivedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final CountKpiEvents kpis;

    FeedbackReceivedHandler(JsonMapper json, CountKpiEvents kpis) {
        this.json = json;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        FeedbackReceived event = EventBodies.read(json, message.getPayload(), FeedbackReceived.class, FeedbackReceived.TOPIC);
        EventBodies.require(FeedbackReceived.TOPIC,
                "feedbackId", event.feedbackId(), "ticketId", event.ticketId(), "rating", event.rating());
        Rating rating;
        try {
            rating = new Rating(event.rating());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(FeedbackReceived.TOPIC + " record with " + e.getMessage(), e);
        }
        kpis.feedbackGiven(new FeedbackGiven(event.feedbackId(), event.ticketId(), rating));
    }
}
