package fr.numi.feedback.kpi.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.Rating;
import fr.numi.feedback.kpi.domain.RatingGiven;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code feedbackReceived} function bound to {@code intake.feedback-received.v1} (group
 * {@code feedback-service}). A rating out of 1–5 or without its fields is refused: retried, then
 * dead-lettered to {@code intake.feedback-received.v1.feedback-service.dlq} with the reason. Applied once per event key
 * ({@code ce_source} + {@code ce_id}).
 */
@Component("feedbackReceived")
class FeedbackReceivedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final RecordKpiEvents kpis;

    FeedbackReceivedHandler(EventReader events, RecordKpiEvents kpis) {
        this.events = events;
        this.kpis = kpis;
    }

    @Override
    public void accept(Message<byte[]> message) {
        ReceivedEvent<FeedbackReceived> received = events.read(message, FeedbackReceived.INCOMING);
        FeedbackReceived event = received.body();
        Rating rating;
        try {
            rating = new Rating(event.rating());
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(FeedbackReceived.INCOMING.topic() + " record with " + e.getMessage(), e);
        }
        kpis.ratingGiven(new RatingGiven(received.key().value(), event.feedbackId(), event.ticketId(), rating, event.receivedAt(),
                event.comment() != null && !event.comment().isBlank()));
    }
}
