package fr.numi.intake.tracking.application;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/** Port: publishes {@code intake.contact-verified.v1} and completes when the broker acknowledged. */
public interface ContactVerifiedPublisher {

    Mono<Void> publish(ContactVerified event);

    /**
     * @param ticketId the reference of the request whose contact was proven
     * @param reachableBy how numi may now write to the person through it
     */
    record ContactVerified(String verificationId, String ticketId, String customerId, String contactKind, String contactValue,
            List<String> reachableBy, Instant verifiedAt) {

        @Override
        public String toString() {
            return "ContactVerified[" + verificationId + ", " + ticketId + ", " + contactKind + "]";
        }
    }
}
