package fr.numi.urgency.emergency.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last events handled, so a redelivered event is not acted on twice. Bounded (the
 * oldest id is forgotten first), in memory and per instance: it absorbs the binder's retries and
 * a rebalance's redeliveries, not a replay after a restart.
 */
public final class SeenEvents {

    private final Map<String, Boolean> ids;

    public SeenEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the id; true only the first time it is seen. */
    public synchronized boolean firstTime(String eventId) {
        return ids.put(eventId, Boolean.TRUE) == null;
    }
}
