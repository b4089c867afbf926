package fr.numi.intake.request.application;

/** The broker did not acknowledge the event in time: the request was not taken, the caller must retry. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
