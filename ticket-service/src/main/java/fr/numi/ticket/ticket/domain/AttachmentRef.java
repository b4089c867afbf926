package fr.numi.ticket.domain;

/**
 * Something the person sent besides words (photo, voice note, document, call recording). intake
 * fetches it from the gateway and keeps it; the ticket keeps where it stands.
 *
 * @param attachmentId numi's id of the stored copy (served to agents by intake-service)
 * @param status PENDING (being fetched), STORED, REFUSED (over the size limit or of a refused type),
 *     RETRYING (a fetch failed, another comes), FAILED (given up)
 * @param reason why it was refused or failed
 */
public record AttachmentRef(String attachmentId, String type, String mimeType, String filename, String status, String reason, Long sizeBytes) {

    public AttachmentRef withStatus(String newStatus, String newReason, String newMimeType, Long newSize) {
        return new AttachmentRef(attachmentId, type, newMimeType == null ? mimeType : newMimeType, filename, newStatus, newReason,
                newSize == null ? sizeBytes : newSize);
    }
}
