package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.Urgency;
import java.util.concurrent.CompletionStage;

/** Pages level 3. */
public interface Pager {

    /** What came of a page. */
    record Outcome(boolean sent, int attempts, String error) {}

    /** False when no webhook is configured. */
    boolean enabled();

    /** Sends the page; the stage never fails, the outcome says how it went. */
    CompletionStage<Outcome> page(Urgency urgency, String incidentLabel);

    /**
     * Pages level 3 again because intake could not deliver a message to the person (the instructions:
     * call them now). Same guarantees as {@link #page}.
     *
     * @param reason intake's reason (never personal data), may be null
     */
    CompletionStage<Outcome> pageDeliveryFailure(Urgency urgency, String incidentLabel, NotificationRequest.Kind kind, String reason);
}
