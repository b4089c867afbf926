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

    /**
     * The person's latest request: its contact and channel; a WhatsApp one also opens the 24 h window.
     * An unproven contact (typed on the web form) is only written when the directory knows nothing of
     * this customer id yet: it never overwrites what a proven contact said (otherwise anyone typing a
     * person's number would redirect that person's messages).
     */
    Mono<Void> remember(String customerId, Contact contact, Channel channel, boolean proven, Instant lastInboundAt);

    /** A WhatsApp message that is not a request (a survey answer) still reopens the 24 h window. */
    Mono<Void> touchWhatsApp(String customerId, Instant at);

    Mono<Entry> find(String customerId);

    /**
     * @param lastWhatsAppInboundAt when the person last wrote on WhatsApp (null if never): free text may be
     *     sent to them within 24 h of it, templates only afterwards
     */
    record Entry(String customerId, Contact contact, Channel channel, Instant lastInboundAt, Instant lastWhatsAppInboundAt, boolean proven) {}
}
