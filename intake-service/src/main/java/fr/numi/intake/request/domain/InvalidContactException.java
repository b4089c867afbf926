package fr.numi.intake.request.domain;

/** A contact that cannot be used to reach the person back; carries the field at fault. */
public class InvalidContactException extends RuntimeException {

    private final String field;

    public InvalidContactException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
