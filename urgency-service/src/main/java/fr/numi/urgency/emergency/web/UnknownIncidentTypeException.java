package fr.numi.urgency.emergency.web;

/** The request names an incident type that does not exist. */
class UnknownIncidentTypeException extends RuntimeException {

    UnknownIncidentTypeException(String value) {
        super("unknown incident type");
    }
}
