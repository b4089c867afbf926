package fr.numi.feedback.kpi.application;

/** Another event of the same ticket was saved in between: reload and apply again. */
public class ConcurrentKpiUpdateException extends RuntimeException {

    public ConcurrentKpiUpdateException(String ticketId, Throwable cause) {
        super("concurrent KPI update of ticket " + ticketId, cause);
    }
}
