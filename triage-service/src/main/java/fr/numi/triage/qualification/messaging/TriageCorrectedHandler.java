package fr.numi.triage.qualification.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.triage.qualification.application.RecordCorrection;
import fr.numi.triage.qualification.application.TriageCorrection;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The {@code triageCorrected} function bound to {@code ticket.triage-corrected.v1} (group {@code triage-service}).
 * Imperative, one record per call: what it throws makes the binder retry, then send the record to
 * {@code ticket.triage-corrected.v1.triage-service.dlq}. Idempotent: the archive keeps the latest correction
 * of each decision, so a redelivery changes nothing.
 */
@Component("triageCorrected")
class TriageCorrectedHandler implements Consumer<Message<byte[]>> {

    private final EventReader events;
    private final RecordCorrection recordCorrection;

    TriageCorrectedHandler(EventReader events, RecordCorrection recordCorrection) {
        this.events = events;
        this.recordCorrection = recordCorrection;
    }

    @Override
    public void accept(Message<byte[]> message) {
        TriageCorrected event = events.read(message, TriageCorrected.INCOMING).body();
        TriageCorrected.Before before = event.before();
        TriageCorrected.After after = event.after();
        recordCorrection.record(event.requestIds(), new TriageCorrection(event.correctionId(), event.ticketId(), event.agentId(),
                new TriageCorrection.Label(before.level(), before.category(), before.cyberTier()),
                new TriageCorrection.Label(after.level(), after.category(), after.cyberTier()), event.correctedAt()));
    }
}
