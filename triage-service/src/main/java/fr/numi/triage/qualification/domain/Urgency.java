package fr.numi.triage.qualification.domain;

/** How fast someone must act, lowest first. */
public enum Urgency {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    /** One step up, never past {@link #CRITICAL}. */
    public Urgency raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
