package fr.numi.intake.tracking.application;

/**
 * A verification that cannot go on, with what to tell the person.
 *
 * @param status the HTTP answer: 400 (wrong or expired code), 409 (already proven, or the contact
 *     cannot receive a code), 429 (too many codes or tries)
 */
public class VerificationRefusedException extends RuntimeException {

    private final int status;
    private final String type;
    private final Integer triesLeft;

    public VerificationRefusedException(int status, String type, String message, Integer triesLeft) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.triesLeft = triesLeft;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Integer triesLeft() {
        return triesLeft;
    }
}
