package fr.numi.urgency.emergency.domain;

/** Who set the urgency off. */
public enum Trigger {
    /** The person pressed the red button (IVR digit, WhatsApp keyword or button, web button). */
    RED_BUTTON,
    /** triage-service judged the request a cyber emergency. */
    TRIAGE,
    /** An agent or a supervisor declared it. */
    AGENT
}
