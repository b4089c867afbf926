package fr.numi.intake.tracking.application;

import fr.numi.intake.tracking.domain.VerificationCode;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Port: the pending codes (collection {@code verifications}) and the codes sent per contact. */
public interface Verifications {

    /**
     * Records that a code was sent for this ticket to this contact, if fewer than
     * {@link VerificationCode#MAX_SENT_PER_HOUR} were sent for either in the last hour.
     *
     * @return false when over the limit (nothing recorded)
     */
    Mono<Boolean> recordSent(String ticketId, String contactKey, String codeHash, Instant now);

    Mono<VerificationCode.Pending> pending(String ticketId);

    /** One more try on the pending code. */
    Mono<Void> countTry(String ticketId);

    /** The code was right: no code is pending any more. */
    Mono<Void> clear(String ticketId);
}
