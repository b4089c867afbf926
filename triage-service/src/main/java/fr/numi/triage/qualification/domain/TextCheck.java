package fr.numi.triage.qualification.domain;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.Set;

/**
 * What is odd about a text before it is read: too long (only the beginning and the end are read),
 * control characters, letters of several writing systems at once (often a look-alike trick, or a
 * language the rules don't cover). Each finding lowers the confidence and becomes a reason.
 *
 * @param text what will be read (cut when too long)
 * @param truncated the text was longer than {@link #MAX_CHARS}
 * @param controlCharacters it held control or invisible format characters
 * @param mixedScripts it mixed letters of several scripts (Latin and Cyrillic, …)
 * @param latinLetters it held at least one Latin letter (the rules are French and English)
 */
public record TextCheck(String text, boolean truncated, boolean controlCharacters, boolean mixedScripts, boolean latinLetters) {

    /** Requests are capped at 20 000 characters by intake; anything longer is read head and tail. */
    static final int MAX_CHARS = 20_000;

    static final int TAIL_CHARS = 5_000;

    static TextCheck of(String text) {
        if (text == null) {
            return new TextCheck("", false, false, false, false);
        }
        boolean truncated = text.length() > MAX_CHARS;
        String read = truncated
                ? text.substring(0, MAX_CHARS - TAIL_CHARS) + " \n " + text.substring(text.length() - TAIL_CHARS)
                : text;
        boolean control = false;
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        for (int i = 0; i < read.length(); ) {
            int cp = read.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if ((type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')
                    || (type == Character.FORMAT && cp != 0x200D)) {
                control = true;
            } else if (Character.isLetter(cp)) {
                UnicodeScript script = UnicodeScript.of(cp);
                if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                    scripts.add(script);
                }
            }
        }
        return new TextCheck(read, truncated, control, scripts.size() > 1, scripts.contains(UnicodeScript.LATIN));
    }
}
