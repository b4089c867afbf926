package fr.numi.triage.qualification.domain;

/**
 * What triage looks at: the person's words and whether they pressed the red button.
 *
 * @param subject short title, may be null
 * @param text the situation in their words, may be empty
 * @param redButton the person declared a cyber emergency
 */
public record Situation(String subject, String text, boolean redButton) {

    /** Subject and text together, as one piece of text to read. */
    public String wording() {
        String s = subject == null ? "" : subject;
        String t = text == null ? "" : text;
        return s.isEmpty() ? t : s + " \n " + t;
    }
}
