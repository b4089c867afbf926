package fr.numi.urgency.emergency.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The protocol's content, as level 3 reviewed it: for each incident type its label, its first
 * instructions and its orientation, with the version of each file. Built only through
 * {@link #validated}, which refuses content that breaks the rules below, so a bad file stops the
 * service at start-up instead of reaching a person in distress.
 *
 * <p>Rules for what the person reads: every incident type has instructions (3 to 8 lines) and an
 * orientation (2 to 6 steps); a line is one short sentence (at most {@value #MAX_LINE} characters,
 * ending with a full stop or an exclamation mark, no second sentence); no jargon
 * ({@link #JARGON}); web addresses are https; phone numbers are digits and spaces.
 */
public final class Playbook {

    public static final int MAX_LINE = 100;
    public static final List<String> JARGON =
            List.of("phishing", "ransomware", "malware", "hacker", "hacké", "login", "password", "spoofing", "cookie", "2fa", "mfa");

    private static final Pattern SECOND_SENTENCE = Pattern.compile("[.!?]\\s+\\S");
    private static final Pattern PHONE = Pattern.compile("^[0-9][0-9 ]*[0-9]$");

    private final String instructionsVersion;
    private final String orientationVersion;
    private final String closing;
    private final Map<IncidentType, IncidentProfile> profiles;
    private final Map<IncidentType, Instructions> instructions;
    private final Map<IncidentType, Orientation> orientations;

    private Playbook(String instructionsVersion, String orientationVersion, String closing, Map<IncidentType, IncidentProfile> profiles,
            Map<IncidentType, Instructions> instructions, Map<IncidentType, Orientation> orientations) {
        this.instructionsVersion = instructionsVersion;
        this.orientationVersion = orientationVersion;
        this.closing = closing;
        this.profiles = profiles;
        this.instructions = instructions;
        this.orientations = orientations;
    }

    /**
     * The playbook, or an {@link InvalidPlaybookException} listing every rule broken.
     *
     * @param closing the last line of the instructions message; {@code {ticketId}} is replaced by the ticket id
     */
    public static Playbook validated(String instructionsVersion, String orientationVersion, String closing,
            List<IncidentProfile> profiles, List<Instructions> instructions, List<Orientation> orientations) {
        List<String> problems = new ArrayList<>();
        if (blank(instructionsVersion)) {
            problems.add("instructions: version is missing");
        }
        if (blank(orientationVersion)) {
            problems.add("orientation: version is missing");
        }
        if (blank(closing)) {
            problems.add("instructions: closing is missing");
        } else {
            checkSentence("instructions closing", closing, problems);
        }
        Map<IncidentType, IncidentProfile> byTypeProfile = new EnumMap<>(IncidentType.class);
        profiles.forEach(p -> byTypeProfile.put(p.type(), p));
        Map<IncidentType, Instructions> byTypeInstructions = new EnumMap<>(IncidentType.class);
        instructions.forEach(i -> byTypeInstructions.put(i.type(), i));
        Map<IncidentType, Orientation> byTypeOrientation = new EnumMap<>(IncidentType.class);
        orientations.forEach(o -> byTypeOrientation.put(o.type(), o));
        for (IncidentType type : IncidentType.values()) {
            IncidentProfile profile = byTypeProfile.get(type);
            if (profile == null || blank(profile.label())) {
                problems.add("incident types: " + type + " has no label");
            }
            checkInstructions(type, byTypeInstructions.get(type), problems);
            checkOrientation(type, byTypeOrientation.get(type), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }
        return new Playbook(instructionsVersion, orientationVersion, closing, byTypeProfile, byTypeInstructions, byTypeOrientation);
    }

    private static void checkInstructions(IncidentType type, Instructions i, List<String> problems) {
        String where = "instructions " + type;
        if (i == null) {
            problems.add(where + ": missing");
            return;
        }
        if (blank(i.title())) {
            problems.add(where + ": title is missing");
        } else {
            checkPlain(where + " title", i.title(), problems);
        }
        if (i.lines().size() < 3 || i.lines().size() > 8) {
            problems.add(where + ": needs 3 to 8 lines, has " + i.lines().size());
        }
        for (int n = 0; n < i.lines().size(); n++) {
            checkSentence(where + " line " + (n + 1), i.lines().get(n), problems);
        }
    }

    private static void checkOrientation(IncidentType type, Orientation o, List<String> problems) {
        String where = "orientation " + type;
        if (o == null) {
            problems.add(where + ": missing");
            return;
        }
        if (blank(o.intro())) {
            problems.add(where + ": intro is missing");
        }
        if (o.steps().size() < 2 || o.steps().size() > 6) {
            problems.add(where + ": needs 2 to 6 steps, has " + o.steps().size());
        }
        for (OrientationStep step : o.steps()) {
            String at = where + " step " + step.order();
            checkSentence(at, step.action(), problems);
            OfficialService s = step.service();
            if (s == null) {
                problems.add(at + ": unknown service");
                continue;
            }
            if (blank(s.name())) {
                problems.add(at + ": service " + s.id() + " has no name");
            }
            if (blank(s.phone()) && blank(s.url()) && blank(s.contact())) {
                problems.add(at + ": service " + s.id() + " has no phone, url or contact");
            }
            if (!blank(s.url()) && !s.url().startsWith("https://")) {
                problems.add(at + ": service " + s.id() + " url is not https");
            }
            if (!blank(s.phone()) && !PHONE.matcher(s.phone()).matches()) {
                problems.add(at + ": service " + s.id() + " phone is not digits and spaces");
            }
        }
    }

    private static void checkSentence(String where, String line, List<String> problems) {
        if (blank(line)) {
            problems.add(where + ": empty");
            return;
        }
        if (line.length() > MAX_LINE) {
            problems.add(where + ": longer than " + MAX_LINE + " characters");
        }
        if (!(line.endsWith(".") || line.endsWith("!"))) {
            problems.add(where + ": must end with a full stop");
        }
        if (SECOND_SENTENCE.matcher(line.strip()).find()) {
            problems.add(where + ": one sentence per line");
        }
        checkPlain(where, line, problems);
    }

    private static void checkPlain(String where, String text, List<String> problems) {
        String padded = " " + IncidentClassifier.normalise(text) + " ";
        for (String word : JARGON) {
            if (padded.contains(" " + IncidentClassifier.normalise(word) + " ")) {
                problems.add(where + ": jargon '" + word + "'");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public String instructionsVersion() {
        return instructionsVersion;
    }

    public String orientationVersion() {
        return orientationVersion;
    }

    public String label(IncidentType type) {
        return profiles.get(type).label();
    }

    public List<IncidentProfile> profiles() {
        return List.copyOf(profiles.values());
    }

    public Instructions instructions(IncidentType type) {
        return instructions.get(type);
    }

    public Orientation orientation(IncidentType type) {
        return orientations.get(type);
    }

    /** The message with the first instructions, as the person receives it. */
    public String instructionsText(IncidentType type, String ticketId) {
        Instructions i = instructions.get(type);
        StringBuilder text = new StringBuilder(i.title());
        i.lines().forEach(line -> text.append('\n').append("- ").append(line));
        text.append('\n').append(closing.replace("{ticketId}", ticketId));
        return text.toString();
    }

    /** The message with the orientation, as the person receives it: numbered steps with numbers and links. */
    public String orientationText(IncidentType type) {
        Orientation o = orientations.get(type);
        StringBuilder text = new StringBuilder(o.intro());
        for (OrientationStep step : o.steps()) {
            OfficialService s = step.service();
            text.append('\n').append(step.order()).append(". ").append(step.action()).append(' ').append(s.name());
            List<String> contact = new ArrayList<>();
            if (!blank(s.phone())) {
                contact.add(s.phone());
            }
            if (!blank(s.url())) {
                contact.add(s.url());
            }
            text.append(" : ").append(String.join(" ou ", contact));
            if (!blank(s.contact())) {
                text.append(contact.isEmpty() ? "" : " ").append(s.contact());
            }
            if (!blank(s.hours())) {
                text.append(" (").append(s.hours()).append(')');
            }
            text.append('.');
        }
        return text.toString();
    }
}
