package fr.numi.intake.delivery.domain;

/** The form a message takes on its way out. */
public enum Via {
    WHATSAPP_TEXT,
    WHATSAPP_TEMPLATE,
    WHATSAPP_INTERACTIVE,
    SMS,
    EMAIL,
    TRACKING_PAGE
}
