package fr.numi.intake.whatsapp.application;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.config.WhatsAppProperties;
import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.OutboundStatusLog;
import fr.numi.intake.delivery.domain.SurveyAnswer;
import fr.numi.intake.delivery.domain.WhatsAppStatus;
import fr.numi.intake.feedback.application.ReceiveFeedback;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.InvalidContactException;
import fr.numi.intake.whatsapp.domain.RedButtonWords;
import fr.numi.intake.whatsapp.domain.WhatsAppMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Use case: one verified webhook notification. Each message becomes one request (id {@code wa:<wamid>},
 * de-duplicated durably), in the order Meta sent them; statuses are recorded. Completes only when
 * every request is in Kafka, so Meta's 200 means nothing can be lost.
 */
@Service
public class ReceiveWhatsApp {

    private static final Logger log = LoggerFactory.getLogger(ReceiveWhatsApp.class);
    static final String CHANNEL = "whatsapp";

    private final SubmitRequest submitRequest;
    private final DeliveryLog deliveryLog;
    private final ContactDirectory directory;
    private final Clock clock;
    private final OutboundStatusLog statuses;
    private final DeliverNotification deliveries;
    private final ReceiveFeedback feedback;
    private final String customerIdSecret;
    private final GatewayMetrics metrics;
    private final RedButtonWords redButtonWords;
    private final List<String> redButtonPayloads;

    public ReceiveWhatsApp(SubmitRequest submitRequest, OutboundStatusLog statuses, DeliverNotification deliveries, ReceiveFeedback feedback,
            DeliveryLog deliveryLog, ContactDirectory directory, GatewayMetrics metrics, WhatsAppProperties properties,
            IntakeProperties intake, Clock clock) {
        this.deliveryLog = deliveryLog;
        this.directory = directory;
        this.clock = clock;
        this.feedback = feedback;
        this.customerIdSecret = intake.customerIdSecret();
        this.submitRequest = submitRequest;
        this.statuses = statuses;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.redButtonWords = new RedButtonWords(properties.redButtonKeywords());
        this.redButtonPayloads = properties.redButtonPayloads();
    }

    public Mono<Void> receive(List<WhatsAppMessage> messages, List<WhatsAppStatus> statusUpdates) {
        return Flux.fromIterable(messages)
                .concatMap(this::receive)
                .thenMany(Flux.fromIterable(statusUpdates).concatMap(this::status))
                .then();
    }

    /** Kept against the wamid; once that wamid is linked to a notification, published as its delivery status. */
    private Mono<Void> status(WhatsAppStatus status) {
        return statuses.record(status)
                .flatMap(notificationId -> deliveries.providerStatus(notificationId, status.status(), status.errorCode(), status.at()));
    }

    private Mono<Void> receive(WhatsAppMessage message) {
        if (!message.isRequest()) {
            metrics.ignored(CHANNEL, message.type());
            return Mono.empty();
        }
        Contact contact;
        try {
            contact = message.waId() != null ? Contact.of(Contact.Kind.WHATSAPP, message.waId()) : Contact.whatsAppUser(message.userId());
        } catch (InvalidContactException notANumber) {
            // A business-scoped user id where a number was expected (newer payloads): the person is keyed on it.
            try {
                contact = Contact.whatsAppUser(message.userId() != null ? message.userId() : message.waId());
            } catch (InvalidContactException e) {
                metrics.ignored(CHANNEL, "no-sender");
                log.warn("whatsapp message without a usable sender ignored type={}", message.type());
                return Mono.empty();
            }
        }
        var survey = SurveyAnswer.parse(message.buttonId());
        if (survey.isPresent()) {
            // The answer to the satisfaction survey's buttons: a rating, not a request (one per ticket, so
            // Meta's redeliveries of the same wamid are absorbed by the feedback ledger).
            return feedback.fromWhatsApp(survey.get().ticketId(), survey.get().rating(), Digests.customerId(customerIdSecret, contact));
        }
        String customerId = Digests.customerId(customerIdSecret, contact);
        var typedRating = "text".equals(message.type()) ? SurveyAnswer.fromText(message.text()) : java.util.Optional.<SurveyAnswer.TextRating>empty();
        Mono<String> surveyed = typedRating.isPresent()
                ? deliveryLog.latestSurvey(customerId, clock.instant().minus(Duration.ofDays(7)))
                : Mono.empty();
        // A rating typed as text ("4 merci") within a week of a survey rates it; anything else is a message.
        Contact sender = contact;
        return surveyed
                .flatMap(ticketId -> directory.touchWhatsApp(customerId, clock.instant()).onErrorResume(e -> Mono.empty())
                        .then(feedback.fromSender("WHATSAPP", ticketId, typedRating.get().rating(), typedRating.get().comment(), customerId))
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> request(message, sender).thenReturn(true)))
                .then();
    }

    private Mono<Void> request(WhatsAppMessage message, Contact contact) {
        boolean redButton = (message.buttonId() != null && redButtonPayloads.contains(message.buttonId())) || redButtonWords.pressedIn(message.text());
        IncomingRequest request = IncomingRequest.proven(
                Channel.WHATSAPP, contact, message.name(), null, message.text(), redButton, message.attachments());
        return submitRequest.submitOnce("wa:" + message.wamid(), message.wamid(), request)
                .doOnNext(submission -> {
                    if (submission.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }
}
