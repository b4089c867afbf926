package fr.numi.intake.tracking.application;

/** No request was published with this tracking token (or none this service can act on): 404, no hint why. */
public class NotYoursException extends RuntimeException {

    public NotYoursException() {
        super("no request with this tracking token", null, false, false);
    }
}
