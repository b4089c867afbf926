package fr.numi.urgency.emergency.domain;

/**
 * An official service the person is oriented to (orientation-fr.md): a phone number, a web address, a
 * plain indication of where to find it, or several of these.
 *
 * @param id short key used by the orientation steps ({@code OPPOSITION}, {@code 17CYBER}, ...)
 * @param name as the person reads it
 * @param phone as dialled in France, digits and spaces, null if none
 * @param url https address, null if none
 * @param contact where to find it when there is no single number ("le numéro écrit au dos de votre carte"), null if none
 * @param hours opening hours or conditions, null when not relevant
 */
public record OfficialService(String id, String name, String phone, String url, String contact, String hours) {}
