package fr.numi.intake.delivery.application;

/** Port: the WhatsApp Cloud API Send Message endpoint. */
public interface WhatsAppSender extends MessageSender {}
