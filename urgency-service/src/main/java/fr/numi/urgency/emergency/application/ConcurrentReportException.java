package fr.numi.urgency.emergency.application;

/** A delivery report kept changing under this writer: the binder retries the status. */
public class ConcurrentReportException extends RuntimeException {

    public ConcurrentReportException(String notificationId) {
        super("delivery report of " + notificationId + " changed concurrently");
    }
}
