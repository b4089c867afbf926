package fr.numi.ticket.ticket.domain;

/** The three support levels of the hotline, in the words the hotline uses with people. */
public final class SupportLevel {

    private SupportLevel() {}

    public static void check(int level) {
        if (level < 1 || level > 3) {
            throw new IllegalArgumentException("support level must be 1, 2 or 3, was " + level);
        }
    }

    public static String label(Integer level) {
        if (level == null) {
            return "En cours d'orientation";
        }
        return switch (level) {
            case 1 -> "Niveau 1 « Padawan » : questions simples et premiers pas";
            case 2 -> "Niveau 2 « Jedi » : diagnostic technique, comptes, logiciels, messageries";
            case 3 -> "Niveau 3 « Maître cyber » : piratages, arnaques et urgences";
            default -> throw new IllegalArgumentException("unknown level " + level);
        };
    }
}
