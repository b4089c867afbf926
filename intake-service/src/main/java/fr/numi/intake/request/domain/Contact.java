package fr.numi.intake.request.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
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
    private static final Pattern WHATSAPP_USER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Region assumed for national numbers written without a country code (the hotline is French). */
    private static final String DEFAULT_REGION = "FR";

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

    /**
     * A WhatsApp person known only by their business-scoped user id (newer payloads carry
     * {@code user_id} and no {@code wa_id}): reachable on WhatsApp, not by phone.
     */
    public static Contact whatsAppUser(String userId) {
        String id = userId == null ? "" : userId.strip();
        if (!WHATSAPP_USER_ID.matcher(id).matches()) {
            throw new InvalidContactException("value", "Identifiant WhatsApp invalide.");
        }
        return new Contact(Kind.WHATSAPP, id);
    }

    /** True when the value is a phone number in E.164 (not a WhatsApp user id nor an e-mail). */
    public boolean isPhoneNumber() {
        return kind != Kind.EMAIL && value.startsWith("+");
    }

    /**
     * E.164 through libphonenumber: {@code 00} and {@code +} prefixes are international, a leading
     * {@code 0} is a French national number, bare digits (a WhatsApp {@code wa_id}) carry their
     * country code.
     */
    static String normalisePhone(String raw) {
        String compact = raw.replaceAll("[\\s.\\-/]", "");
        if (compact.length() > 32) {
            throw new InvalidContactException("value", "Ce numéro de téléphone ne semble pas valide.");
        }
        String toParse;
        String region;
        if (compact.startsWith("00")) {
            toParse = "+" + compact.substring(2);
            region = "ZZ";
        } else if (compact.startsWith("+")) {
            toParse = compact;
            region = "ZZ";
        } else if (compact.startsWith("0")) {
            toParse = compact;
            region = DEFAULT_REGION;
        } else {
            toParse = "+" + compact;
            region = "ZZ";
        }
        try {
            PhoneNumber number = PHONES.parse(toParse, region);
            if (!PHONES.isPossibleNumber(number)) {
                throw new InvalidContactException("value", "Ce numéro de téléphone ne semble pas valide.");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidContactException("value", "Ce numéro de téléphone ne semble pas valide.");
        }
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
