package fr.numi.triage.qualification.messaging;

import fr.numi.triage.qualification.application.RecordCorrection;
import fr.numi.triage.qualification.application.TriageCorrection;
import fr.numi.triage.qualification.domain.CyberTier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code triageCorrected} function bound to {@code ticket.triage-corrected.v1} (group {@code triage-service}).
 * Imperative, one record per call: what it throws makes the binder retry, then send the record to
 * {@code ticket.triage-corrected.v1.triage-service.dlq}. Idempotent: the archive keeps the latest correction
 * of each decision, so a redelivery changes nothing.
 */
@Component("triageCorrected")
class TriageCorrectedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final RecordCorrection recordCorrection;

    TriageCorrectedHandler(JsonMapper json, RecordCorrection recordCorrection) {
        this.json = json;
        this.recordCorrection = recordCorrection;
    }

    @Override
    public void accept(Message<byte[]> message) {
        TriageCorrected event = read(message.getPayload());
        recordCorrection.record(event.requestIds(), new TriageCorrection(event.correctionId(), event.ticketId(), event.agentId(),
                label("before", event.before()), label("after", event.after()), event.correctedAt()));
    }

    private TriageCorrected read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new UnreadableEventException("empty " + TriageCorrected.TOPIC + " record");
        }
        TriageCorrected event;
        try {
            event = json.readValue(payload, TriageCorrected.class);
        } catch (JacksonException e) {
            throw new UnreadableEventException("unreadable " + TriageCorrected.TOPIC + " record: " + e.getClass().getSimpleName()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()), e);
        }
        List<String> missing = new ArrayList<>();
        if (event == null) {
            throw new UnreadableEventException("empty " + TriageCorrected.TOPIC + " record");
        }
        if (blank(event.correctionId())) {
            missing.add("correctionId");
        }
        if (blank(event.ticketId())) {
            missing.add("ticketId");
        }
        if (event.requestIds() == null || event.requestIds().isEmpty() || event.requestIds().stream().anyMatch(TriageCorrectedHandler::blank)) {
            missing.add("requestIds");
        }
        if (blank(event.agentId())) {
            missing.add("agentId");
        }
        if (event.before() == null || event.before().level() == null || blank(event.before().category()) || blank(event.before().cyberTier())) {
            missing.add("before");
        }
        if (event.after() == null || event.after().level() == null || blank(event.after().cyberTier())) {
            missing.add("after");
        }
        if (event.correctedAt() == null) {
            missing.add("correctedAt");
        }
        if (!missing.isEmpty()) {
            throw new UnreadableEventException(TriageCorrected.TOPIC + " record without " + String.join(", ", missing));
        }
        return event;
    }

    private static TriageCorrection.Label label(String name, TriageCorrected.Label label) {
        try {
            return new TriageCorrection.Label(label.level(), label.category(), CyberTier.valueOf(label.cyberTier()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(TriageCorrected.TOPIC + " record with an invalid " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
