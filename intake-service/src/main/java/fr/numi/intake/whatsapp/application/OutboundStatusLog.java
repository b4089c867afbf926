package fr.numi.intake.whatsapp.application;

import fr.numi.intake.whatsapp.domain.WhatsAppStatus;
import reactor.core.publisher.Mono;

/** Port: the statuses Meta reports, kept against the outbound message they refer to. */
public interface OutboundStatusLog {

    Mono<Void> record(WhatsAppStatus status);
}
