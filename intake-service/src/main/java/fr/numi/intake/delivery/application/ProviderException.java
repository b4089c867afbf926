package fr.numi.intake.delivery.application;

/**
 * A provider refused or could not take a message. {@code transientFailure} ones (5xx, 429, timeouts,
 * I/O) are retried with back-off; the others (4xx: bad number, template not approved...) fail for good
 * at once. The reason names a status and a provider error code, never personal data.
 */
public class ProviderException extends RuntimeException {

    private final boolean transientFailure;

    public ProviderException(String reason, boolean transientFailure) {
        super(reason, null, false, false);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
