package fr.numi.urgency.emergency.domain;

/** The way a person reached the hotline. */
public enum Channel {
    WEB,
    WHATSAPP,
    PHONE
}
