package fr.numi.feedback.kpi.messaging;

import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.Rating;
import fr.numi.feedback.kpi.domain.RatingGiven;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code feedbackReceived} function bound to {@code intake.feedback-received.v1} (group
 * {@code feedback-service}). A rating out of 1–5 or without its fields is refused: retried, then
 * dead-lettered to {@code intake.feedback-received.v1.feedback-service.dlq} with the reason.
 */
@Component("feedbackReceived")
class FeedbackReceivedHandler implements Consumer<Message<byte[]>> {

    private static final String TOPIC = FeedbackReceived.TOPIC;

    private final JsonMapper json;
    private final RecordKpiEvents kpis;

    FeedbackReceivedHandler(JsonMapper json, RecordKpiEvents kpis) {
        this.json = json;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        FeedbackReceived event = EventBodies.read(json, message.getPayload(), FeedbackReceived.class, TOPIC);
        EventBodies.require(TOPIC, "feedbackId", event.feedbackId(), "ticketId", event.ticketId(), "rating", event.rating(),
                "receivedAt", event.receivedAt());
        Rating rating;
        try {
            rating = new Rating(event.rating());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(TOPIC + " record with " + e.getMessage(), e);
        }
        kpis.ratingGiven(new RatingGiven(EventBodies.eventId(message, TOPIC, event.feedbackId()), event.feedbackId(), event.ticketId(),
                rating, event.receivedAt(), event.comment() != null && !event.comment().isBlank()));
    }
}
