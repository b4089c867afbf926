package fr.numi.intake.request.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a person back, normalised so that the same person always gets the same customer
 * id: e-mail lower-cased, phone numbers in E.164 (French national numbers get +33).
 */
public record Contact(Kind kind, String value) {

    /** The channel on which the person wants to be answered. */
    public enum Kind {
        EMAIL,
        PHONE,
        WHATSAPP
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    public Contact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses and normalises a contact.
     *
     * @throws InvalidContactException with a French explanation when the value cannot be a contact of
     *     that kind
     */
    public static Contact of(Kind kind, String raw) {
        if (kind == null) {
            throw new InvalidContactException("kind", "Indiquez comment vous recontacter : EMAIL, PHONE ou WHATSAPP.");
        }
        String trimmed = raw == null ? "" : raw.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidContactException("value", "Indiquez une adresse e-mail ou un numéro de téléphone.");
        }
        return switch (kind) {
            case EMAIL -> {
                String email = trimmed.toLowerCase(Locale.ROOT);
                if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                    throw new InvalidContactException("value", "Cette adresse e-mail ne semble pas valide.");
                }
                yield new Contact(kind, email);
            }
            case PHONE, WHATSAPP -> new Contact(kind, normalisePhone(trimmed));
        };
    }

    private static String normalisePhone(String raw) {
        String digits = raw.replaceAll("[\\s.\\-()/]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        } else if (digits.matches("^0[1-9][0-9]{8}$")) {
            digits = "+33" + digits.substring(1);
        } else if (!digits.startsWith("+")) {
            digits = "+" + digits;
        }
        if (!E164.matcher(digits).matches()) {
            throw new InvalidContactException("value", "Ce numéro de téléphone ne semble pas valide.");
        }
        return digits;
    }

    /** The value with everything but its shape hidden, for logs. */
    public String masked() {
        return Masking.contact(value);
    }

    @Override
    public String toString() {
        return "Contact[" + kind + ", " + masked() + "]";
    }
}
