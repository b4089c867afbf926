package fr.numi.ticket.ticket.messaging;

import java.time.Instant;
import java.util.List;

/** ticket-service's own copies of the events it consumes (contracts/events/...). Unknown fields are ignored. */
final class IncomingEvents {

    private IncomingEvents() {}

    /** {@code intake.request-received.v1}. */
    record RequestReceived(
            String requestId,
            String ticketId,
            String trackingTokenHash,
            String customerId,
            String channel,
            Contact contact,
            String name,
            String subject,
            String text,
            boolean redButton,
            Instant receivedAt,
            List<Attachment> attachments,
            Boolean contactProven,
            List<String> reachableBy,
            String inReplyTo,
            String answeredBy) {

        record Contact(String kind, String value) {}

        record Attachment(String attachmentId, String type, String mimeType, String filename) {}
    }

    /** {@code triage.request-triaged.v1}. */
    record RequestTriaged(
            String requestId,
            String ticketId,
            String customerId,
            int level,
            String urgency,
            String category,
            boolean cyber,
            double confidence,
            List<Reason> reasons,
            String rulesVersion,
            Instant decidedAt,
            String cyberTier,
            Boolean needsReview) {

        record Reason(String signal, String detail, Double weight) {}
    }

    /** {@code urgency.cyber-urgency-declared.v1}. */
    record CyberUrgencyDeclared(
            String urgencyId,
            String ticketId,
            String customerId,
            String trigger,
            String incidentType,
            String incidentLabel,
            Integer revision,
            Instant declaredAt,
            Instructions instructions,
            Orientation orientation,
            String channel,
            Instant triggeredAt) {

        record Instructions(String version, String title, List<String> lines, String notificationId, String delivery) {}

        record Orientation(String version, List<Step> steps, String notificationId, String delivery) {}

        record Step(int order, String serviceId, String service, String action, String phone, String url, String agentNote) {}
    }

    /** {@code intake.contact-verified.v1}. */
    record ContactVerified(String verificationId, String ticketId, String customerId, RequestReceived.Contact contact,
            List<String> reachableBy, Instant verifiedAt) {}

    /** {@code intake.feedback-received.v1}. */
    record FeedbackReceived(String feedbackId, String ticketId, String channel, Integer rating, String comment, Instant receivedAt) {}

    /** {@code intake.delivery-status.v1}. */
    record DeliveryStatus(String statusId, String notificationId, String ticketId, String kind, String outcome, String reason) {}
}
