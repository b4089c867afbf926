package fr.numi.intake.attachment.domain;

/**
 * Something the person sent besides text (photo, voice note, document, recording), kept as a
 * reference to fetch later from the gateway: never the content itself.
 *
 * @param type image, video, document, sticker, audio, voice, recording
 * @param mediaId the gateway's id (WhatsApp media id, Twilio RecordingSid)
 * @param url where the gateway serves it, when it gives one (Twilio RecordingUrl)
 */
public record Attachment(String type, String mediaId, String mimeType, String sha256, String filename, String url) {}
