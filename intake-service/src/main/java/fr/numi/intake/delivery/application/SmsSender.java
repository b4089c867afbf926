package fr.numi.intake.delivery.application;

/** Port: SMS through Twilio's Messages API. */
public interface SmsSender extends MessageSender {}
