package fr.numi.feedback.kpi.domain;

/** A KPI question that cannot be answered, naming the parameter at fault ({@code from}, {@code to}, {@code level}, …). */
public class InvalidKpiQueryException extends IllegalArgumentException {

    private final String field;

    public InvalidKpiQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
