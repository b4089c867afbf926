package fr.numi.intake.whatsapp.domain;

import fr.numi.intake.attachment.domain.Attachment;
import java.util.List;

/**
 * One message of a webhook notification, reduced to what numi needs.
 *
 * @param wamid Meta's message id, the de-duplication key
 * @param waId the sender's phone number as digits (absent in newer payloads)
 * @param userId the sender's business-scoped user id, when given
 * @param type the Cloud API message type (text, image, interactive, ...)
 * @param text what the person said, or a French placeholder for media and shares
 * @param buttonId the payload/id of a pressed button, if any
 */
public record WhatsAppMessage(
        String wamid, String waId, String userId, String name, String type, String text, String buttonId, List<Attachment> attachments) {

    /** Reactions and system notices (number changed, ...) are not requests. */
    public boolean isRequest() {
        return !"reaction".equals(type) && !"system".equals(type);
    }
}
