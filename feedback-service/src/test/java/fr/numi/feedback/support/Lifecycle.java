package fr.numi.feedback.support;

import fr.numi.contracts.testing.Records;
import fr.numi.contracts.Contracts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes one ticket's records as ticket-service, intake and urgency-service would, each body checked
 * against its contract first.
 */
public final class Lifecycle {

    public static final String LIFECYCLE = "ticket.lifecycle.v1";
    public static final String FEEDBACK = "intake.feedback-received.v1";
    public static final String URGENCY = "urgency.cyber-urgency-declared.v1";

    private final JsonMapper json = JsonMapper.builder().build();
    private final String brokers;
    public final String ticketId = Records.newTicketId();
    private final String channel;
    private int version;
    public final List<Sent> sent = new ArrayList<>();

    public record Sent(String topic, String ceId, String type, byte[] body) {}

    public Lifecycle(String brokers, String channel) {
        this.brokers = brokers;
        this.channel = channel;
    }

    /** A lifecycle change named by its ce_type event name (e.g. "ticket-replied"). */
    public Sent change(String name, String status, Integer level, Instant at, Instant receivedAt, Map<String, Object> extra) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(LIFECYCLE));
        String ceId = ticketId + ":" + name + ":" + (++version);
        body.put("eventId", ceId);
        body.put("ticketId", ticketId);
        body.put("channel", channel);
        body.put("status", status);
        body.putNull("previousStatus");
        if (level == null) {
            body.putNull("level");
        } else {
            body.put("level", level);
        }
        body.put("version", version);
        body.put("occurredAt", at.toString());
        body.put("receivedAt", receivedAt.toString());
        extra.forEach((k, v) -> body.set(k, json.valueToTree(v)));
        return send(LIFECYCLE, ceId, "fr.numi.ticket." + name + ".v1", json.writeValueAsBytes(body));
    }

    public Sent rating(String feedbackId, int stars, Instant at) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(FEEDBACK));
        body.put("feedbackId", feedbackId);
        body.put("ticketId", ticketId);
        body.put("channel", channel);
        body.put("rating", stars);
        body.put("receivedAt", at.toString());
        return send(FEEDBACK, feedbackId, "fr.numi.intake.feedback-received.v1", json.writeValueAsBytes(body));
    }

    public Sent cyberDeclared(Instant at) {
        ObjectNode body = (ObjectNode) json.readTree(Contracts.example(URGENCY));
        body.put("urgencyId", "urg-" + ticketId);
        body.put("ticketId", ticketId);
        body.put("declaredAt", at.toString());
        return send(URGENCY, "urg-" + ticketId, "fr.numi.urgency.cyber-urgency-declared.v1", json.writeValueAsBytes(body));
    }

    /** {@code ce_source} of the topic's one writer, its owner: {@code /numi/ticket-service} for {@code ticket.*}. */
    public static String source(String topic) {
        return "/numi/" + topic.substring(0, topic.indexOf('.')) + "-service";
    }

    /** Writes the record again, same ce_id: a redelivery. */
    public void resend(Sent s) {
        Records.send(brokers, s.topic(), ticketId, s.body(), Records.cloudEvent(s.ceId(), source(s.topic()), s.type(), ticketId));
    }

    /** Writes a record whose body breaks the contract on purpose (not validated). */
    public void sendUnchecked(String topic, String ceId, String type, byte[] body) {
        Records.send(brokers, topic, ticketId, body, Records.cloudEvent(ceId, source(topic), type, ticketId));
    }

    private Sent send(String topic, String ceId, String type, byte[] body) {
        List<String> violations = Contracts.bodyViolations(topic, body);
        if (!violations.isEmpty()) {
            throw new AssertionError("test record breaks " + topic + ": " + violations);
        }
        Sent s = new Sent(topic, ceId, type, body);
        resend(s);
        sent.add(s);
        return s;
    }
}
