package fr.numi.intake.request.domain;

/** The way a person reached the hotline. */
public enum Channel {
    WEB,
    WHATSAPP,
    PHONE
}
