package fr.numi.ticket.ticket.domain;

/**
 * The person left no way to be written to (a caller on a landline): an answer would reach nobody, so
 * it is refused with the reason and the number to call back, never dropped silently.
 */
public class NoWrittenChannelException extends RuntimeException {

    private final String callBack;

    public NoWrittenChannelException(String callBack) {
        super("the person has no written channel" + (callBack == null ? "" : ": call them back"));
        this.callBack = callBack;
    }

    /** The number to call the person back on, when there is one. */
    public String callBack() {
        return callBack;
    }
}
