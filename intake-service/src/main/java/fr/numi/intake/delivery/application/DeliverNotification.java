package fr.numi.intake.delivery.application;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.delivery.domain.IdempotencyKey;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.RetrySchedule;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.delivery.domain.Via;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.limits.application.RateLimiter;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.DerivedIds;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.Reachability;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Use case: deliver a message on the person's channel (see {@link Route}), once per notification id.
 * The route is the one ticket-service names with the message; otherwise, for the ticket of a request
 * whose contact was typed and not proven, that contact (e-mail, or the tracking page), never the
 * directory's (a typed number must not redirect a person's messages); otherwise the contact the
 * directory knows for the customer. The first message on WhatsApp, SMS or e-mail carries the tracking
 * link (derived again from the request id, never stored).
 * <p>
 * Two guards against numi being used to write to strangers at its cost: WhatsApp and SMS only go to a contact that is
 * proven (it wrote to numi through a gateway, or entered a code sent to it), whoever names the route; and no contact
 * gets more than {@code numi.intake.delivery.max-per-contact-per-hour} messages in a clock hour. A message either guard
 * stops is not sent: its outcome is FAILED with the reason ({@code unproven-contact}, {@code contact-capped}), which the
 * agents see on the ticket; it is not dead-lettered (nothing is broken; a redelivery is checked again).
 * <p>
 * At least once, sent once (ADR 8): the attempt is recorded in {@code deliveries} (state SENDING, this instance as
 * owner, a lease) before any provider is called, with the notification's idempotency key, which the provider gets where
 * it takes one (SMTP: the Message-ID). A transient failure (5xx, 429, time-out, I/O, an open circuit, a full bulkhead)
 * is not an outcome: the message is put back in {@code deliveries} with a due time ({@link RetrySchedule}) and the
 * record's partition moves on; whichever instance claims it when due ({@link RetryDueDeliveries}) sends it again, until
 * the bounded total delay has passed: then it is FAILED. An attempt whose owner stopped before recording an outcome is
 * taken again once its lease has run out, as "outcome unknown": sent again (same key), counted, and flagged
 * {@code possibleDuplicate} (neither Twilio nor the WhatsApp Cloud API can tell numi whether they took it).
 * <p>
 * Every outcome is published on {@code intake.delivery-status.v1}; a message a provider refuses for good (4xx) on the
 * attempt a record asked for is published FAILED and then refused with {@link DeliveryFailedException} (the record goes
 * to the dead-letter topic, to be replayed after a fix); one that fails for good on a later, scheduled attempt, or runs
 * out of time, is published FAILED only (its record was consumed when the retry was scheduled). With no provider
 * credentials the message is kept in the outbox (OUTBOX).
 */
@Service
public class DeliverNotification {

    private static final Logger log = LoggerFactory.getLogger(DeliverNotification.class);

    private final DeliveryLog deliveries;
    private final ContactDirectory directory;
    private final PublishedTickets tickets;
    private final WhatsAppSender whatsApp;
    private final SmsSender sms;
    private final EmailSender email;
    private final DeliveryStatusPublisher publisher;
    private final OutboundStatusLog statuses;
    private final IntakeProperties properties;
    private final RateLimiter limiter;
    private final int maxPerContactPerHour;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final DeliveryProperties.Retry retry;
    private final RetrySchedule schedule;
    /** This instance, as the owner of the attempts it makes for the records it consumes. */
    private final String owner = "intake-" + UUID.randomUUID();

    public DeliverNotification(DeliveryLog deliveries, ContactDirectory directory, PublishedTickets tickets, WhatsAppSender whatsApp,
            SmsSender sms, EmailSender email, DeliveryStatusPublisher publisher, OutboundStatusLog statuses, IntakeProperties properties,
            DeliveryProperties delivery, RateLimiter limiter, MeterRegistry metrics, Clock clock) {
        this.deliveries = deliveries;
        this.directory = directory;
        this.tickets = tickets;
        this.whatsApp = whatsApp;
        this.sms = sms;
        this.email = email;
        this.publisher = publisher;
        this.statuses = statuses;
        this.properties = properties;
        this.limiter = limiter;
        this.maxPerContactPerHour = delivery.maxPerContactPerHour();
        this.metrics = metrics;
        this.clock = clock;
        this.retry = delivery.retry();
        this.schedule = new RetrySchedule(retry.firstWait(), retry.maxWait(), retry.giveUpAfter());
    }

    /**
     * Delivers the notification a record asks for.
     *
     * @return the outcome published; empty when there is none yet: a transient failure put it back for a retry (recorded
     *     in MongoDB, see {@link RetryDueDeliveries}), or another owner is sending it, or its retry is not yet due; an
     *     error {@link DeliveryFailedException} after publishing FAILED for a refusal for good
     */
    public Mono<Outcome> deliver(Notification notification) {
        return deliver(notification, true);
    }

    /**
     * A verification code, sent by intake itself to the contact typed on the web form, which is how that contact gets
     * proven: the only message to an unproven number. The per-contact cap still applies (and the codes have their own,
     * lower, limits). It is not retried later (the person is waiting for it and asks for a new one): a transient failure
     * is FAILED at once.
     */
    public Mono<Outcome> deliverVerificationCode(Notification notification) {
        return deliver(notification, false);
    }

    /**
     * Sends again a message {@link DeliveryLog#claimNextDue claimed} by {@code owner}: a retry that is due, or an attempt
     * whose outcome is unknown. Never throws {@link DeliveryFailedException}: there is no record to dead-letter.
     *
     * @return the outcome published, or empty when put back for another retry
     */
    public Mono<Outcome> resend(DeliveryLog.Attempt attempt, String owner) {
        return attempt(new Try(attempt, owner, true, false));
    }

    /** Publishes the outcome of a delivery whose settling instance did not ({@link DeliveryLog#claimNextUnpublished}). */
    public Mono<Void> publishSettled(DeliveryLog.Entry entry) {
        log.info("delivery outcome published late notification={} ticket={} outcome={}", entry.notificationId(), entry.ticketId(),
                entry.outcome());
        return publish(entry.status());
    }

    private Mono<Outcome> deliver(Notification notification, boolean proofRequired) {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(retry.lease());
        boolean retryable = proofRequired;
        return deliveries.claim(notification, proofRequired, retryable, owner, now, leaseUntil).flatMap(claim -> {
            if (claim.taken() != null) {
                // Seen for the first time: created in this owner's hands.
                return attempt(new Try(claim.taken(), owner, retryable, true));
            }
            DeliveryLog.Entry entry = claim.entry();
            if (entry.outcome() != null && entry.outcome().settled()) {
                if (entry.published()) {
                    metrics.counter("numi.intake.delivery.duplicates").increment();
                    log.info("delivery already done notification={} outcome={}", notification.notificationId(), entry.outcome());
                    return Mono.just(entry.outcome());
                }
                // Settled but its event not acknowledged last time: publish it now, send nothing.
                return publish(entry.status()).thenReturn(entry.outcome());
            }
            return deliveries.acquire(notification, proofRequired, retryable, owner, now, leaseUntil)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(taken -> {
                        if (taken.isEmpty()) {
                            // Another owner is sending it, or its retry is due later: theirs or the scheduler's to finish.
                            metrics.counter("numi.intake.delivery.duplicates").increment();
                            log.info("delivery under way or due later notification={}", notification.notificationId());
                            return Mono.<Outcome>empty();
                        }
                        return attempt(new Try(taken.get(), owner, retryable, true));
                    });
        });
    }

    /**
     * One attempt, in {@code owner}'s hands.
     *
     * @param retryable a transient failure is retried later (else FAILED at once)
     * @param fromRecord a record asked for it: a refusal for good is also thrown, so the record is dead-lettered
     */
    private record Try(DeliveryLog.Attempt attempt, String owner, boolean retryable, boolean fromRecord) {

        Notification notification() {
            return attempt.notification();
        }
    }

    private Mono<Outcome> attempt(Try t) {
        Notification n = t.notification();
        if (t.attempt().outcomeUnknown()) {
            metrics.counter("numi.intake.delivery.unknown.outcomes").increment();
            log.warn("delivery outcome unknown: the owner of the last attempt stopped before recording it; sending again "
                    + "notification={} ticket={} attempt={}", n.notificationId(), n.ticketId(), t.attempt().attempt());
        }
        return plan(n).flatMap(plan -> execute(n, plan, t));
    }

    /**
     * @param contact who it goes to (null for the tracking page)
     * @param proven whether that contact is proven (the directory's entry for it); only read for WhatsApp and SMS
     */
    private record Plan(Route route, Via via, String to, Contact contact, boolean proven) {

        Plan(Route route, Via via) {
            this(route, via, null, null, false);
        }
    }

    private Mono<Plan> plan(Notification n) {
        if (n.recipient() != null) {
            return plan(n, n.recipient().route(), n.recipient().contactValue());
        }
        Mono<Plan> fromDirectory = directory.find(n.customerId())
                .flatMap(entry -> plan(n, Route.of(entry.contact().kind().name(), entry.proven(), Reachability.isMobile(entry.contact())),
                        entry.contact().value()))
                .switchIfEmpty(Mono.fromSupplier(() -> "WEB".equals(n.channel())
                        ? new Plan(Route.TRACKING_PAGE, Via.TRACKING_PAGE)
                        : new Plan(null, null)));
        return tickets.find(n.ticketId())
                .filter(t -> !t.contactProven() && t.contact() != null)
                .flatMap(t -> plan(n, Route.of(t.contact().kind().name(), false, false), t.contact().value()))
                .switchIfEmpty(fromDirectory);
    }

    private Mono<Plan> plan(Notification n, Route route, String contactValue) {
        return switch (route) {
            case TRACKING_PAGE -> Mono.just(new Plan(route, Via.TRACKING_PAGE));
            case EMAIL -> Mono.just(new Plan(route, Via.EMAIL, contactValue, new Contact(Contact.Kind.EMAIL, contactValue), true));
            case SMS -> {
                Contact contact = new Contact(Contact.Kind.PHONE, contactValue);
                yield entryOf(contact).map(entry -> new Plan(route, Via.SMS, contactValue, contact, entry.proven()))
                        .defaultIfEmpty(new Plan(route, Via.SMS, contactValue, contact, false));
            }
            case WHATSAPP -> {
                Contact contact = new Contact(Contact.Kind.WHATSAPP, contactValue);
                // The Cloud API takes the wa_id (digits); a person known by a user id is addressed by it.
                String to = contactValue.startsWith("+") ? contactValue.substring(1) : contactValue;
                yield entryOf(contact)
                        .map(entry -> {
                            boolean open = Route.windowOpen(entry.lastWhatsAppInboundAt(), clock.instant());
                            Via via = !open ? Via.WHATSAPP_TEMPLATE : n.survey() ? Via.WHATSAPP_INTERACTIVE : Via.WHATSAPP_TEXT;
                            return new Plan(route, via, to, contact, entry.proven());
                        })
                        .defaultIfEmpty(new Plan(route, Via.WHATSAPP_TEMPLATE, to, contact, false));
            }
        };
    }

    /**
     * The directory's entry for this very contact (its own customer id: the same for a number on WhatsApp and by
     * phone), whoever the ticket's customer is: a route named by ticket-service is checked like one intake picks.
     */
    private Mono<ContactDirectory.Entry> entryOf(Contact contact) {
        String customerId = Digests.customerId(properties.customerIdSecret(), contact);
        return directory.find(customerId).filter(entry -> entry.contact().value().equals(contact.value()));
    }

    private Mono<Outcome> execute(Notification n, Plan plan, Try t) {
        if (plan.route() == null) {
            return fail(n, null, null, "no-contact: no contact known for this customer", t);
        }
        if (plan.route() == Route.TRACKING_PAGE) {
            return settleAndPublish(n, status(n, "WEB", Outcome.TRACKING_PAGE, Via.TRACKING_PAGE, null, null), null, t);
        }
        String channel = switch (plan.route()) {
            case WHATSAPP -> "WHATSAPP";
            case EMAIL -> "WEB";
            default -> "PHONE";
        };
        MessageSender sender = switch (plan.route()) {
            case WHATSAPP -> whatsApp;
            case EMAIL -> email;
            default -> sms;
        };
        if (t.attempt().proofRequired() && plan.route() != Route.EMAIL && !plan.proven()) {
            return refuse(n, channel, plan.via(), t, "unproven-contact",
                    "ce contact n'a jamais écrit à numi ni été vérifié par un code : rien n'est envoyé par WhatsApp ou SMS "
                            + "(la personne garde sa page de suivi)");
        }
        String contactKey = Digests.customerId(properties.customerIdSecret(), plan.contact());
        // A retry was counted on its first attempt: the cap counts messages, not attempts.
        Mono<Boolean> allowed = t.attempt().capTaken() ? Mono.just(true)
                : limiter.take("outbound:" + contactKey, maxPerContactPerHour, Duration.ofHours(1)).map(RateLimiter.Decision::allowed);
        return allowed.flatMap(ok -> {
            if (!ok) {
                return refuse(n, channel, plan.via(), t, "contact-capped", "déjà " + maxPerContactPerHour
                        + " messages à ce contact dans l'heure : celui-ci n'est pas envoyé (réessayer plus tard ou la prévenir autrement)");
            }
            return words(n, plan.route()).flatMap(words -> send(n, plan, channel, sender, new OutgoingMessage(plan.via(), plan.to(),
                    n.ticketId(), withTrackingLink(n, plan.route(), words), n.survey(), IdempotencyKey.of(n.notificationId())), t));
        });
    }

    /** Not sent, by numi's own rule: FAILED with the reason for the agents, but nothing to repair, so no dead letter. */
    private Mono<Outcome> refuse(Notification n, String channel, Via via, Try t, String code, String why) {
        metrics.counter("numi.intake.delivery.refused", "reason", code).increment();
        log.warn("delivery refused notification={} ticket={} reason={}", n.notificationId(), n.ticketId(), code);
        return settleAndPublish(n, status(n, channel, Outcome.FAILED, via, null, code + ": " + why), null, t);
    }

    /** A survey by e-mail points to the rating form of the person's tracking page; anything else is its text. */
    private Mono<String> words(Notification n, Route route) {
        if (!n.survey() || route != Route.EMAIL) {
            return Mono.just(text(n, route));
        }
        return tickets.find(n.ticketId())
                .filter(t -> t.requestId() != null)
                .map(t -> "Votre demande " + n.ticketId() + " est close. Êtes-vous satisfait(e) de l'aide reçue ? Donnez une note de 1 à 5, "
                        + "et si vous le voulez un commentaire, sur votre page de suivi : " + properties.trackingPageUrl()
                        + DerivedIds.trackingToken(properties.customerIdSecret(), t.requestId()) + "\nMerci !")
                .defaultIfEmpty(n.text());
    }

    private Mono<Outcome> send(Notification n, Plan plan, String channel, MessageSender sender, OutgoingMessage message, Try t) {
        if (!sender.configured()) {
            return settleAndPublish(n, status(n, channel, Outcome.OUTBOX, plan.via(), null, "no provider credentials"), message, t);
        }
        return sender.send(message)
                .flatMap(providerId -> {
                    DeliveryStatus sent = status(n, channel, Outcome.SENT, plan.via(), providerId, null);
                    Mono<Void> early = plan.route() == Route.WHATSAPP ? publishEarlyStatuses(n, sent, providerId) : Mono.empty();
                    return settleAndPublish(n, sent, null, t).flatMap(outcome -> early.thenReturn(outcome));
                })
                .onErrorResume(ProviderException.class, e -> e.transientFailure() && t.retryable()
                        ? later(n, channel, plan.via(), t, e.getMessage())
                        : fail(n, channel, plan.via(), e.getMessage(), t));
    }

    /**
     * A transient failure: the message is put back in {@code deliveries}, due again after the back-off, within the
     * bounded total delay counted from its first failure; past it, FAILED (the agents see it on the ticket).
     */
    private Mono<Outcome> later(Notification n, String channel, Via via, Try t, String reason) {
        Instant now = clock.instant();
        int failures = t.attempt().failures() + 1;
        Instant deadline = t.attempt().retryUntil() != null ? t.attempt().retryUntil() : schedule.deadline(now);
        Instant next = schedule.next(failures, deadline, now);
        if (next == null) {
            metrics.counter("numi.intake.delivery.given.up", "route", channel).increment();
            return fail(n, channel, via, "gave-up: " + failures + " attempts in " + words(retry.giveUpAfter()) + ", last: " + reason, t);
        }
        metrics.counter("numi.intake.delivery.retries", "route", channel).increment();
        log.warn("delivery retry scheduled notification={} ticket={} failures={} retryAt={} reason={}", n.notificationId(), n.ticketId(),
                failures, next, reason);
        return deliveries.retryLater(n.notificationId(), t.owner(), failures, next, deadline, reason).flatMap(kept -> {
            if (!kept) {
                log.warn("delivery retry not recorded: another owner took the attempt notification={}", n.notificationId());
            }
            return Mono.<Outcome>empty();
        });
    }

    private static String words(Duration d) {
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    /** Statuses Meta reported before the Send API answered are linked now, and published. */
    private Mono<Void> publishEarlyStatuses(Notification n, DeliveryStatus sent, String wamid) {
        return statuses.link(wamid, n.notificationId())
                .flatMapMany(Flux::fromIterable)
                .concatMap(s -> providerStatus(sent, s.status(), s.errorCode(), s.at()))
                .then();
    }

    /** A provider status (delivered, read, failed) of a message sent for a notification, as an event. */
    public Mono<Void> providerStatus(String notificationId, String status, String errorCode, Instant at) {
        return deliveries.find(notificationId)
                .filter(entry -> entry.status() != null)
                .flatMap(entry -> providerStatus(entry.status(), status, errorCode, at));
    }

    private Mono<Void> providerStatus(DeliveryStatus sent, String status, String errorCode, Instant at) {
        Outcome outcome = switch (status == null ? "" : status) {
            case "delivered" -> Outcome.DELIVERED;
            case "read" -> Outcome.READ;
            case "failed" -> Outcome.FAILED;
            default -> null; // "sent" was published when the Send API answered
        };
        if (outcome == null) {
            return Mono.empty();
        }
        metrics.counter("numi.intake.delivery.outcomes", "route", sent.channel(), "outcome", outcome.name()).increment();
        return publisher.publish(new DeliveryStatus(sent.notificationId(), sent.ticketId(), sent.customerId(), sent.channel(), sent.kind(),
                outcome, sent.via(), sent.providerMessageId(), errorCode == null ? null : "whatsapp error " + errorCode, at));
    }

    private Mono<Outcome> fail(Notification n, String channel, Via via, String reason, Try t) {
        DeliveryStatus failed = status(n, channel == null ? n.channel() : channel, Outcome.FAILED, via, null, reason);
        log.warn("delivery failed for good notification={} ticket={} reason={}", n.notificationId(), n.ticketId(), reason);
        Mono<Outcome> settled = settleAndPublish(n, failed, null, t);
        return t.fromRecord() ? settled.then(Mono.error(new DeliveryFailedException(reason))) : settled;
    }

    private Mono<Outcome> settleAndPublish(Notification n, DeliveryStatus status, OutgoingMessage kept, Try t) {
        metrics.counter("numi.intake.delivery.outcomes", "route", status.channel(), "outcome", status.outcome().name()).increment();
        boolean possibleDuplicate = t.attempt().outcomeUnknown() && status.outcome() == Outcome.SENT;
        if (possibleDuplicate) {
            metrics.counter("numi.intake.delivery.possible.duplicates", "route", status.channel()).increment();
        }
        log.info("delivery outcome notification={} ticket={} outcome={} via={} attempt={}{}", n.notificationId(), n.ticketId(),
                status.outcome(), status.via(), t.attempt().attempt(), possibleDuplicate ? " possibleDuplicate=true" : "");
        return deliveries.settle(n.notificationId(), status, kept, possibleDuplicate, clock.instant().plus(retry.lease()))
                .then(publish(status))
                .thenReturn(status.outcome());
    }

    private Mono<Void> publish(DeliveryStatus status) {
        return publisher.publish(status).then(deliveries.markPublished(status.notificationId()));
    }

    private DeliveryStatus status(Notification n, String channel, Outcome outcome, Via via, String providerId, String reason) {
        return new DeliveryStatus(n.notificationId(), n.ticketId(), n.customerId(), channel, n.kind(), outcome, via, providerId, reason,
                clock.instant());
    }

    /** The words sent; a survey's question depends on what the person can answer with. */
    static String text(Notification n, Route route) {
        if (!n.survey()) {
            return n.text();
        }
        if (route == Route.SMS) {
            return "Votre demande " + n.ticketId() + " est résolue. Êtes-vous satisfait(e) de l'aide reçue ? "
                    + "Répondez à ce SMS par une note de 1 (pas du tout) à 5 (tout à fait), suivie si vous le voulez d'un commentaire. Merci !";
        }
        return n.text();
    }

    /**
     * The person's private tracking link, when ticket-service gives it with the message (the first one on WhatsApp or by
     * SMS, every e-mail). An e-mail cannot be answered (it comes from an address nobody reads): it says the person
     * answers there.
     */
    private String withTrackingLink(Notification n, Route route, String text) {
        if (n.trackingRequestId() == null) {
            return text;
        }
        String token = DerivedIds.trackingToken(properties.customerIdSecret(), n.trackingRequestId());
        String lead = route == Route.EMAIL ? "Pour nous répondre ou suivre votre demande : " : "Suivez votre demande ici : ";
        return text + "\n" + lead + properties.trackingPageUrl() + token;
    }
}
