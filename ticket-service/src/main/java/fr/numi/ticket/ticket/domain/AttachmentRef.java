package fr.numi.ticket.ticket.domain;

/**
 * Something the person sent besides words (photo, voice note, document, call recording). intake-service
 * fetches it from the gateway, keeps it and serves it to agents ({@code GET /api/v1/attachments/{id}},
 * which also says where a fetch stands); the ticket keeps the reference.
 *
 * @param attachmentId numi's id of the kept copy; null when there was nothing to fetch
 */
public record AttachmentRef(String attachmentId, String type, String mimeType, String filename) {}
