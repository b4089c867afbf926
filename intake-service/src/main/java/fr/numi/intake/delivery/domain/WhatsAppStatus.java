package fr.numi.intake.delivery.domain;

import java.time.Instant;

/** What Meta says about a message numi sent: sent, delivered, read or failed (order not guaranteed). */
public record WhatsAppStatus(String wamid, String status, Instant at, String errorCode) {}
