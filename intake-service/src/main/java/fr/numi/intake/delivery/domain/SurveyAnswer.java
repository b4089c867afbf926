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

    public static Optional<SurveyAnswer> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        Matcher m = PAYLOAD.matcher(payload.strip());
        return m.matches() ? Optional.of(new SurveyAnswer(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }
}
