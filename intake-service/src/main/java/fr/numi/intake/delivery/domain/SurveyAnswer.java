package fr.numi.intake.delivery.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payload of the survey's WhatsApp buttons/rows: {@code SURVEY:<ticketId>:<rating>}, so that the
 * person's answer comes back (as a button or list reply) carrying the ticket it rates.
 */
public record SurveyAnswer(String ticketId, int rating) {

    private static final Pattern PAYLOAD = Pattern.compile("^SURVEY:(NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}):([1-5])$");

    public static String payload(String ticketId, int rating) {
        return "SURVEY:" + ticketId + ":" + rating;
    }

    private static final Pattern TEXT = Pattern.compile("^\\s*([1-5])\\s*(?:/\\s*5|sur\\s*5)?(?:\\s*[.,:;!\\-–—]*\\s+(.+)|\\s*[.!]*)$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /** A rating typed as text ("4", "5/5", "4 très bien merci"): the note and what follows it as a comment. */
    public record TextRating(int rating, String comment) {}

    public static Optional<TextRating> fromText(String text) {
        if (text == null || text.length() > 2000) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String comment = m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).strip();
        return Optional.of(new TextRating(Integer.parseInt(m.group(1)), comment));
    }

    public static Optional<SurveyAnswer> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        Matcher m = PAYLOAD.matcher(payload.strip());
        return m.matches() ? Optional.of(new SurveyAnswer(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }
}
