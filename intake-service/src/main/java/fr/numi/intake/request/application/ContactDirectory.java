package fr.numi.intake.request.application;

import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Port: who is behind a customer id and on which channel they last wrote, so that outbound
 * messages reach them (intake alone knows contacts; the other services see pseudonymous ids).
 */
public interface ContactDirectory {

    Mono<Void> remember(String customerId, Contact contact, Channel channel, Instant lastInboundAt);

    Mono<Entry> find(String customerId);

    record Entry(String customerId, Contact contact, Channel channel, Instant lastInboundAt) {}
}
