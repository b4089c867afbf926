package fr.numi.intake.tracking.application;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.Reachability;
import fr.numi.intake.tracking.domain.VerificationCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use cases of the person holding a tracking link (the token proves they hold that request, not that
 * they own its contact):
 * <ul>
 *   <li><b>write on the ticket</b>: the message joins exactly the ticket of the token
 *       ({@code inReplyTo}), with the contact and proof the request had;</li>
 *   <li><b>prove the contact</b> typed on the form: a six-digit code sent to it (SMS to a number,
 *       e-mail to an address), then entered on the page. Once proven, numi may answer there (SMS),
 *       the directory keeps it and ticket-service is told ({@code intake.contact-verified.v1}).</li>
 * </ul>
 */
@Service
public class ActOnTrackingLink {

    private static final Logger log = LoggerFactory.getLogger(ActOnTrackingLink.class);
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final PublishedTickets tickets;
    private final SubmitRequest submitRequest;
    private final DeliverNotification deliver;
    private final Verifications verifications;
    private final ContactVerifiedPublisher publisher;
    private final ContactDirectory directory;
    private final IntakeProperties properties;
    private final Clock clock;

    public ActOnTrackingLink(PublishedTickets tickets, SubmitRequest submitRequest, DeliverNotification deliver, Verifications verifications,
            ContactVerifiedPublisher publisher, ContactDirectory directory, IntakeProperties properties, Clock clock) {
        this.tickets = tickets;
        this.submitRequest = submitRequest;
        this.deliver = deliver;
        this.verifications = verifications;
        this.publisher = publisher;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The person writes on their ticket from its tracking page.
     *
     * @return the reference of the ticket the message joins: the one the person was given with the link (the message's
     *     own reference only leads agents to it through an alias, which is not what to quote on the phone)
     */
    public Mono<String> write(String token, String text) {
        return ticketOf(token).flatMap(t -> {
            IncomingRequest request = new IncomingRequest(Channel.WEB, t.contact(), null, null, text, false, List.of(), t.contactProven(),
                    t.ticketId(), null);
            return submitRequest.submit(request).thenReturn(t.ticketId());
        });
    }

    /** Sends a code to the contact of the token's request. */
    public Mono<Void> sendCode(String token) {
        return ticketOf(token).flatMap(t -> {
            if (t.contactProven()) {
                return Mono.error(new VerificationRefusedException(409, "already-verified", "Ce contact est déjà vérifié.", null));
            }
            Route route = t.contact().kind() == Contact.Kind.EMAIL ? Route.EMAIL
                    : Reachability.isMobile(t.contact()) ? Route.SMS : null;
            if (route == null) {
                return Mono.error(new VerificationRefusedException(409, "cannot-verify",
                        "Ce numéro ne peut pas recevoir de SMS : nous ne pouvons pas le vérifier. Un conseiller vous répondra sur cette page.",
                        null));
            }
            String code = VerificationCode.newCode();
            Instant now = clock.instant();
            String contactKey = Digests.customerId(properties.customerIdSecret(), t.contact());
            return verifications.recordSent(t.ticketId(), contactKey, VerificationCode.hash(properties.customerIdSecret(), t.ticketId(), code), now)
                    .flatMap(recorded -> {
                        if (!recorded) {
                            return Mono.error(new VerificationRefusedException(429, "too-many-codes",
                                    "Trop de codes demandés : réessayez dans une heure.", null));
                        }
                        String text = "numi : votre code de vérification pour la demande " + t.ticketId() + " est " + code
                                + ". Il est valable 10 minutes. Ne le donnez à personne : numi ne vous le demandera jamais au téléphone.";
                        Notification message = new Notification("verify:" + t.ticketId() + ":" + now.toEpochMilli(), t.ticketId(),
                                t.customerId(), t.channel(), "VERIFICATION_CODE", text, now,
                                new Notification.Recipient(route, t.contact().kind().name(), t.contact().value()), null);
                        log.info("verification code sent ticket={} route={}", t.ticketId(), route);
                        // Refused only when the contact had its messages for the hour: the person must not wait for it.
                        return deliver.deliverVerificationCode(message).flatMap(outcome -> outcome == Outcome.FAILED
                                ? Mono.<Void>error(new VerificationRefusedException(429, "too-many-messages",
                                        "Ce contact a reçu trop de messages de numi cette heure-ci : réessayez dans une heure.", null))
                                : Mono.<Void>empty());
                    });
        });
    }

    /**
     * Checks the code the person entered.
     *
     * @throws VerificationRefusedException 400 for a wrong or expired code (with the tries left), 429 after five tries
     */
    public Mono<Void> checkCode(String token, String code) {
        return ticketOf(token).flatMap(t -> {
            if (t.contactProven()) {
                return Mono.<Void>empty();
            }
            String given = VerificationCode.hash(properties.customerIdSecret(), t.ticketId(), code == null ? "" : code.strip());
            return verifications.pending(t.ticketId())
                    .defaultIfEmpty(new VerificationCode.Pending(t.ticketId(), null, Instant.EPOCH, 0))
                    .flatMap(pending -> switch (pending.check(given, clock.instant())) {
                        case EXPIRED -> Mono.error(new VerificationRefusedException(400, "code-expired",
                                "Ce code n'est plus valable : demandez-en un nouveau.", null));
                        case TOO_MANY_TRIES -> Mono.error(new VerificationRefusedException(429, "too-many-tries",
                                "Trop d'essais : demandez un nouveau code.", 0));
                        case WRONG -> verifications.countTry(t.ticketId()).then(Mono.error(new VerificationRefusedException(400, "wrong-code",
                                "Ce code n'est pas le bon.", VerificationCode.MAX_TRIES - pending.tries() - 1)));
                        case VERIFIED -> proven(t);
                    });
        });
    }

    private Mono<Void> proven(PublishedTickets.Ticket t) {
        Instant now = clock.instant();
        List<String> routes = Reachability.of(Channel.WEB, t.contact(), true).stream().map(Enum::name).toList();
        return publisher.publish(new ContactVerifiedPublisher.ContactVerified("verified:" + t.ticketId(), t.ticketId(), t.customerId(),
                        t.contact().kind().name(), t.contact().value(), routes, now))
                .then(tickets.markProven(t.ticketId()))
                .then(directory.remember(t.customerId(), t.contact(), Channel.WEB, true, now))
                .then(verifications.clear(t.ticketId()))
                .doOnSuccess(v -> log.info("contact verified ticket={} customer={}", t.ticketId(), t.customerId()));
    }

    private Mono<PublishedTickets.Ticket> ticketOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Mono.error(new NotYoursException());
        }
        return tickets.findByTrackingTokenHash(Digests.sha256Hex(token))
                .filter(t -> t.contact() != null)
                .switchIfEmpty(Mono.error(new NotYoursException()));
    }
}
