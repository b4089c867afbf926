package fr.numi.urgency.emergency.domain;

/** Where the incident type came from. */
public enum IncidentTypeSource {
    /** Keywords in the person's message. */
    TEXT,
    /** triage's category. */
    TRIAGE_CATEGORY,
    /** Chosen by an agent (at declaration or on revision). */
    AGENT,
    /** Nothing precise told: {@link IncidentType#OTHER}, or the fallback of a vague triage category; the person's words replace it. */
    DEFAULT
}
