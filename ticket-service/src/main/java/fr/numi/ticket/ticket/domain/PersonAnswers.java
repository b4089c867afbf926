package fr.numi.ticket.ticket.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the person's short answer to « Est-ce réglé ? »: yes, no, or not an answer (a new message).
 * Only short, plain answers count; anything longer is a message an agent must read.
 */
public final class PersonAnswers {

    public enum Answer {
        YES,
        NO,
        NONE
    }

    private static final Set<String> YES = Set.of("oui", "yes", "ok", "oui merci", "oui c est regle", "c est regle", "c est bon",
            "oui c est bon", "regle", "tout est regle", "oui tout est regle", "parfait", "oui parfait", "oui ca marche", "ca marche",
            "ca marche merci", "c est regle merci", "merci c est regle", "oui merci beaucoup", "super merci", "oui super");
    private static final Set<String> NO = Set.of("non", "no", "non pas encore", "pas encore", "non ca ne marche pas", "ca ne marche pas",
            "non toujours pas", "toujours pas", "non pas regle", "pas regle", "non ce n est pas regle", "ce n est pas regle",
            "non merci", "non c est pas regle", "c est pas regle", "ca marche pas", "non ca marche pas");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORDS = Pattern.compile("[^a-z0-9]+");

    private PersonAnswers() {}

    public static Answer read(String text) {
        if (text == null || text.length() > 60) {
            return Answer.NONE;
        }
        String plain = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
        String words = NOT_WORDS.matcher(plain).replaceAll(" ").strip();
        if (YES.contains(words)) {
            return Answer.YES;
        }
        if (NO.contains(words)) {
            return Answer.NO;
        }
        return Answer.NONE;
    }
}
