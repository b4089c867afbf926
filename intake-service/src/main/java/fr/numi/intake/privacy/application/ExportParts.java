package fr.numi.intake.privacy.application;

import fr.numi.contracts.privacy.CustomerExport.Part;
import reactor.core.publisher.Mono;

/** Port: another service's part of a person's export, read with the DPO's own token. */
public interface ExportParts {

    /** The services whose parts every export holds, besides intake's own. */
    java.util.List<String> services();

    /**
     * The part of {@code service}; fails with {@link PartUnavailableException} when no instance of it gives one.
     *
     * @param authorization the DPO's {@code Authorization} header, forwarded as it came (the service checks it again)
     */
    Mono<Part> part(String service, String customerId, String authorization);

    /** No instance of a service gave its part (down, too slow, an error). */
    final class PartUnavailableException extends RuntimeException {

        private final String service;

        public PartUnavailableException(String service, String why) {
            super(service + " did not give its part: " + why, null, false, false);
            this.service = service;
        }

        public String service() {
            return service;
        }
    }
}
