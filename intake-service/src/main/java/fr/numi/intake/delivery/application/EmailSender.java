package fr.numi.intake.delivery.application;

/** Port: e-mail through an SMTP server. */
public interface EmailSender extends MessageSender {}
