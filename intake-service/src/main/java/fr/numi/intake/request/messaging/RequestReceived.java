package fr.numi.intake.request.messaging;

import java.time.Instant;
import java.util.List;

/** Body of {@code intake.request-received.v1} (contracts/events/intake.request-received.v1). */
public record RequestReceived(
        String requestId,
        String ticketId,
        String trackingTokenHash,
        String customerId,
        String channel,
        ContactBody contact,
        String name,
        String subject,
        String text,
        boolean redButton,
        Instant receivedAt,
        List<AttachmentBody> attachments,
        boolean contactProven,
        List<String> reachableBy,
        String inReplyTo,
        String answeredBy) {

    public static final String TOPIC = "intake.request-received.v1";
    public static final String TYPE = "fr.numi.intake.request-received.v1";
    /** The red button's own lane: the same body, on a topic only red buttons use. */
    public static final String RED_BUTTON_TOPIC = "intake.red-button-pressed.v1";
    public static final String RED_BUTTON_TYPE = "fr.numi.intake.red-button-pressed.v1";

    public record ContactBody(String kind, String value) {}

    /** A reference to media kept by the gateway (fetched later by whoever needs it), never the content. */
    public record AttachmentBody(String attachmentId, String type, String mediaId, String mimeType, String sha256, String filename, String url) {}
}
