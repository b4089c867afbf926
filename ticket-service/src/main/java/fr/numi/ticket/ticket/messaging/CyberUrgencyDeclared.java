package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.Incoming;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;

/**
 * ticket-service's own copy of the body of {@code urgency.cyber-urgency-declared.v1}: the fields it reads.
 * {@code customerId}, {@code channel} and {@code triggeredAt} let the ticket open before its request arrives; older
 * producers left them out.
 */
record CyberUrgencyDeclared(
        @NotBlank String urgencyId,
        @NotBlank String ticketId,
        String customerId,
        String trigger,
        @NotBlank String incidentType,
        String incidentLabel,
        Integer revision,
        Instant declaredAt,
        Instructions instructions,
        Orientation orientation,
        String channel,
        Instant triggeredAt) {

    static final Incoming<CyberUrgencyDeclared> INCOMING = Incoming.of("urgency.cyber-urgency-declared.v1",
            CyberUrgencyDeclared.class, "fr.numi.urgency.cyber-urgency-declared.v1");

    record Instructions(String version, String title, List<String> lines, String notificationId, String delivery) {}

    record Orientation(String version, List<Step> steps, String notificationId, String delivery) {}

    record Step(int order, String serviceId, String service, String action, String phone, String url, String agentNote) {}

    /** A red button from WhatsApp or a call came from a sender the provider proved; one from the web form did not. */
    boolean fromProvenSender() {
        return "WHATSAPP".equals(channel) || "PHONE".equals(channel);
    }
}
