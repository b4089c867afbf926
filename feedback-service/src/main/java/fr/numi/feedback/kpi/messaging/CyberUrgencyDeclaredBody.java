package fr.numi.feedback.kpi.messaging;

import java.time.Instant;

/** feedback's own copy of the body of {@code urgency.cyber-urgency-declared.v1}: the fields it reads. */
record CyberUrgencyDeclaredBody(String urgencyId, String ticketId, String trigger, Instant declaredAt) {

    static final String TOPIC = "urgency.cyber-urgency-declared.v1";
}
