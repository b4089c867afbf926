package fr.numi.intake.request.domain;

/** Hides personal data before it reaches a log line: only a shape stays, never the value. */
public final class Masking {

    private Masking() {}

    /** {@code +33612345678} becomes {@code +336******78}; {@code jeanne@example.org} becomes {@code j*****@example.org}. */
    public static String contact(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int at = value.indexOf('@');
        if (at > 0) {
            return value.charAt(0) + "*****" + value.substring(at);
        }
        if (value.length() <= 6) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 6) + value.substring(value.length() - 2);
    }

    /** Free text is never logged, only its length. */
    public static String text(String value) {
        return value == null ? "<null>" : "<" + value.length() + " chars>";
    }
}
