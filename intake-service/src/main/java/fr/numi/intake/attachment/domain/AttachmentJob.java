package fr.numi.intake.attachment.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Fetching one thing a person sent (a photo, a voice note, a document, a call recording) from the
 * gateway that holds it, and keeping it. The job outlives any instance: it is claimed with a lease,
 * retried with back-off when the provider fails, and always ends STORED, REFUSED or FAILED — never
 * silently dropped.
 *
 * @param source WHATSAPP (a media id, fetched through the Graph API) or TWILIO (a recording or MMS URL)
 * @param reference the media id or URL to fetch
 */
public record AttachmentJob(
        String attachmentId,
        String requestId,
        String ticketId,
        String customerId,
        String source,
        String reference,
        String type,
        String declaredMimeType,
        String filename,
        Status status,
        int attempts,
        Instant nextAttemptAt,
        String reason,
        String mimeType,
        Long sizeBytes) {

    public enum Status {
        /** Waiting for its (next) fetch. */
        PENDING,
        /** A fetch failed; another comes at {@code nextAttemptAt}. */
        RETRYING,
        STORED,
        /** Over the size limit, or of a type numi does not keep. */
        REFUSED,
        /** Given up after every retry, or the provider says it does not exist. */
        FAILED;

        public boolean settled() {
            return this == STORED || this == REFUSED || this == FAILED;
        }
    }

    /** Waits between attempts: 10 s, 1 min, 5 min, 30 min, 2 h, then the job fails. */
    public static final List<Duration> BACK_OFF = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2));

    public AttachmentJob {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(status, "status");
    }

    /** After a transient failure: retried later, or failed for good once the back-off is spent. */
    public AttachmentJob failedOnce(String why, Instant now) {
        int tried = attempts + 1;
        if (tried > BACK_OFF.size()) {
            return with(Status.FAILED, tried, null, "récupération impossible après " + tried + " essais : " + why, null, null);
        }
        return with(Status.RETRYING, tried, now.plus(BACK_OFF.get(tried - 1)), why, null, null);
    }

    public AttachmentJob stored(String mime, long size) {
        return with(Status.STORED, attempts + 1, null, null, mime, size);
    }

    public AttachmentJob refused(String why) {
        return with(Status.REFUSED, attempts + 1, null, why, null, null);
    }

    public AttachmentJob failed(String why) {
        return with(Status.FAILED, attempts + 1, null, why, null, null);
    }

    private AttachmentJob with(Status s, int tried, Instant next, String why, String mime, Long size) {
        return new AttachmentJob(attachmentId, requestId, ticketId, customerId, source, reference, type, declaredMimeType, filename, s,
                tried, next, why, mime == null ? mimeType : mime, size == null ? sizeBytes : size);
    }
}
