package fr.numi.triage.qualification.messaging;

import fr.numi.triage.qualification.application.QualifyRequest;
import fr.numi.triage.qualification.application.ReceivedRequest;
import fr.numi.triage.qualification.domain.Situation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code requestReceived} function bound to {@code intake.request-received.v1} (group
 * {@code triage-service}). Imperative, one record per call: whatever it throws makes the binder
 * retry, then send the record to {@code intake.request-received.v1.triage-service.dlq}.
 */
@Component("requestReceived")
class RequestReceivedHandler implements Consumer<Message<byte[]>> {

    private final JsonMapper json;
    private final QualifyRequest qualifyRequest;

    RequestReceivedHandler(JsonMapper json, QualifyRequest qualifyRequest) {
        this.json = json;
        this.qualifyRequest = qualifyRequest;
    }

    @Override
    public void accept(Message<byte[]> message) {
        RequestReceived event = read(message.getPayload());
        qualifyRequest.qualify(new ReceivedRequest(
                event.requestId(),
                event.ticketId(),
                event.customerId(),
                event.channel(),
                new Situation(event.subject(), event.text(), event.redButton())));
    }

    private RequestReceived read(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new UnreadableEventException("empty " + RequestReceived.TOPIC + " record");
        }
        RequestReceived event;
        try {
            event = json.readValue(payload, RequestReceived.class);
        } catch (JacksonException e) {
            // The location only, never the content: the record may carry a person's words.
            throw new UnreadableEventException("unreadable " + RequestReceived.TOPIC + " record: "
                    + e.getClass().getSimpleName() + " at " + location(e), e);
        }
        if (event == null) {
            throw new UnreadableEventException("empty " + RequestReceived.TOPIC + " record");
        }
        Map<String, Boolean> present = new LinkedHashMap<>();
        present.put("requestId", !blank(event.requestId()));
        present.put("ticketId", !blank(event.ticketId()));
        present.put("customerId", !blank(event.customerId()));
        present.put("text", event.text() != null);
        present.put("redButton", event.redButton() != null);
        List<String> missing = present.entrySet().stream().filter(f -> !f.getValue()).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableEventException(RequestReceived.TOPIC + " record without " + String.join(", ", missing));
        }
        return event;
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
