package fr.numi.intake.attachment.application;

import fr.numi.intake.attachment.domain.AttachmentJob;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: the attachment jobs (collection {@code attachments}) and the kept files (GridFS bucket {@code attachment_files}). */
public interface AttachmentStore {

    /** Registers jobs for a request's attachments; a job already known (a gateway's retry) is left as it is. */
    Mono<Void> register(List<AttachmentJob> jobs);

    /** Claims up to {@code max} due jobs for this instance until {@code leaseUntil}. */
    Flux<AttachmentJob> claimDue(Instant now, Instant leaseUntil, int max);

    /** Writes the job's new state (and gives the lease back). */
    Mono<Void> update(AttachmentJob job);

    Mono<AttachmentJob> find(String attachmentId);

    /** Keeps the content; replaces a partial copy of an earlier attempt. */
    Mono<Void> keep(String attachmentId, String mimeType, byte[] content);

    /** The content kept, if any. */
    Mono<byte[]> content(String attachmentId);
}
