package fr.numi.intake.cti.domain;

import java.util.List;
import java.util.Set;

/**
 * One push of a PBX bridge, in the shape of Zammad's generic CTI: {@code newCall}, {@code answer} or
 * {@code hangup}, with {@code from, to, direction (in|out), callId, user[], queue}, and on later events
 * {@code answeringNumber} and {@code cause}.
 */
public record CtiEvent(String event, String from, String to, String direction, String callId, List<String> user, String queue,
        String answeringNumber, String cause) {

    public static final Set<String> EVENTS = Set.of("newCall", "answer", "hangup");
    /** Causes of a hang-up before anyone answered: the caller must be called back. */
    public static final Set<String> MISSED = Set.of("noAnswer", "busy", "cancel", "congestion", "notFound", "forwarded");

    /** @return null when the push is usable, else what is wrong with it */
    public String problem() {
        if (event == null || !EVENTS.contains(event)) {
            return "event";
        }
        if (callId == null || callId.isBlank() || callId.length() > 200) {
            return "callId";
        }
        if (direction != null && !direction.equals("in") && !direction.equals("out")) {
            return "direction";
        }
        if (longer(from) || longer(to) || longer(queue) || longer(answeringNumber) || longer(cause)) {
            return "size";
        }
        return null;
    }

    private static boolean longer(String value) {
        return value != null && value.length() > 200;
    }
}
