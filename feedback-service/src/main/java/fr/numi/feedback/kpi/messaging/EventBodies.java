package fr.numi.feedback.kpi.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** Reads an event body into this service's own record, or says precisely (and without the content) why not. */
final class EventBodies {

    private EventBodies() {}

    static <T> T read(JsonMapper json, byte[] payload, Class<T> type, String topic) {
        if (payload == null || payload.length == 0) {
            throw new UnreadableEventException("empty " + topic + " record");
        }
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "unknown position"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new UnreadableEventException("unreadable " + topic + " record: " + e.getClass().getSimpleName() + " at " + at, e);
        }
        if (event == null) {
            throw new UnreadableEventException("empty " + topic + " record");
        }
        return event;
    }

    /** Fails naming every required field that is null or blank. */
    static void require(String topic, Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        String missing = String.join(", ", fields.entrySet().stream()
                .filter(f -> f.getValue() == null || (f.getValue() instanceof String s && s.isBlank()))
                .map(Map.Entry::getKey)
                .toList());
        if (!missing.isEmpty()) {
            throw new UnreadableEventException(topic + " record without " + missing);
        }
    }

    static <E extends Enum<E>> E enumValue(String topic, String field, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(topic + " record with an unknown " + field + " '" + value + "'");
        }
    }

    /** A CloudEvents header as text (the binder hands raw headers over as bytes), or null. */
    static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The idempotency key: the CloudEvents id, else the body's own id; prefixed by the topic. */
    static String eventId(Message<?> message, String topic, String bodyId) {
        String ceId = header(message, "ce_id");
        return topic + ":" + (ceId == null || ceId.isBlank() ? bodyId : ceId);
    }
}
