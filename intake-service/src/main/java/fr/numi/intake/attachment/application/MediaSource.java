package fr.numi.intake.attachment.application;

import reactor.core.publisher.Mono;

/** Port: a gateway that holds what people sent (the WhatsApp Cloud API, Twilio). */
public interface MediaSource {

    /** The source this fetches for (WHATSAPP, TWILIO). */
    String name();

    /** False when no credentials are configured: nothing can be fetched. */
    boolean configured();

    /**
     * Fetches the content, refusing to read more than {@code maxBytes}.
     *
     * @return the bytes and their type; errors with {@link MediaException}
     */
    Mono<Media> fetch(String reference, long maxBytes);

    record Media(String mimeType, byte[] content) {}

    /** Why a fetch failed: transient (retry), too large, or gone for good. */
    final class MediaException extends RuntimeException {

        public enum Kind {
            TRANSIENT,
            TOO_LARGE,
            GONE
        }

        private final Kind kind;

        public MediaException(Kind kind, String reason) {
            super(reason, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
