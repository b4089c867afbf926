package fr.numi.intake.phone.domain;

import java.util.Map;

/** The voice menu: one digit per kind of request; 9 is the red button (cyber emergency). */
public final class PhoneMenu {

    public static final String RED_BUTTON = "9";
    /** Put through to an agent, when the hotline has agents' lines. */
    public static final String AGENT = "0";

    private static final Map<String, String> CHOICES = Map.of(
            "1", "question simple",
            "2", "problème technique",
            AGENT, "parler à un conseiller",
            RED_BUTTON, "urgence cyber");

    private PhoneMenu() {}

    /** The choice a digit stands for, or null for a digit that is not on the menu. */
    public static String choice(String digits) {
        return digits == null ? null : CHOICES.get(digits.strip());
    }

    public static boolean isFinal(String callStatus) {
        return switch (callStatus == null ? "" : callStatus) {
            case "completed", "busy", "failed", "no-answer", "canceled" -> true;
            default -> false;
        };
    }
}
