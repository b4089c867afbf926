package fr.numi.urgency.emergency.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
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
}
