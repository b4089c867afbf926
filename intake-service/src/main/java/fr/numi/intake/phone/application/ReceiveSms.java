package fr.numi.intake.phone.application;

import fr.numi.intake.attachment.domain.Attachment;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.config.WhatsAppProperties;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.domain.SurveyAnswer;
import fr.numi.intake.feedback.application.ReceiveFeedback;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.InvalidContactException;
import fr.numi.intake.whatsapp.domain.RedButtonWords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: an SMS to the hotline's number (Twilio Messaging webhook), the person answering on their
 * channel. The sender's number is proven by the provider. A rating typed back within a week of a
 * survey sent to them ("4", "5 merci beaucoup") rates that ticket; anything else is a message (id
 * {@code sms:<MessageSid>}, de-duplicated durably) that joins the person's conversation — a « oui » or
 * « non » answers « Est-ce réglé ? » there. Media (MMS) come as attachments to fetch.
 */
@Service
public class ReceiveSms {

    private static final Logger log = LoggerFactory.getLogger(ReceiveSms.class);
    static final String CHANNEL = "sms";
    static final Duration SURVEY_ANSWER_WINDOW = Duration.ofDays(7);

    private final SubmitRequest submitRequest;
    private final ReceiveFeedback feedback;
    private final DeliveryLog deliveries;
    private final GatewayMetrics metrics;
    private final RedButtonWords redButtonWords;
    private final String customerIdSecret;
    private final Clock clock;

    public ReceiveSms(SubmitRequest submitRequest, ReceiveFeedback feedback, DeliveryLog deliveries, GatewayMetrics metrics,
            WhatsAppProperties words, IntakeProperties properties, Clock clock) {
        this.submitRequest = submitRequest;
        this.feedback = feedback;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.redButtonWords = new RedButtonWords(words.redButtonKeywords());
        this.customerIdSecret = properties.customerIdSecret();
        this.clock = clock;
    }

    /** One media item of an MMS: where Twilio serves it and its type. */
    public record Media(String url, String contentType) {}

    public Mono<Void> receive(String messageSid, String from, String body, List<Media> media) {
        Contact contact;
        try {
            contact = Contact.of(Contact.Kind.PHONE, from);
        } catch (InvalidContactException | NullPointerException e) {
            metrics.ignored(CHANNEL, "no-sender");
            log.warn("sms without a usable sender ignored message={}", messageSid);
            return Mono.empty();
        }
        String text = body == null ? "" : body.strip();
        String customerId = Digests.customerId(customerIdSecret, contact);
        var rating = media.isEmpty() ? SurveyAnswer.fromText(text) : java.util.Optional.<SurveyAnswer.TextRating>empty();
        Mono<String> surveyed = rating.isPresent()
                ? deliveries.latestSurvey(customerId, clock.instant().minus(SURVEY_ANSWER_WINDOW))
                : Mono.empty();
        return surveyed
                .flatMap(ticketId -> feedback.fromSender("PHONE", ticketId, rating.get().rating(), rating.get().comment(), customerId)
                        .thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> message(messageSid, contact, text, media).thenReturn(true)))
                .then();
    }

    private Mono<Void> message(String messageSid, Contact contact, String text, List<Media> media) {
        List<Attachment> attachments = media.stream()
                .map(m -> new Attachment(m.contentType() != null && m.contentType().startsWith("audio") ? "audio"
                        : m.contentType() != null && m.contentType().startsWith("image") ? "image" : "document",
                        null, m.contentType(), null, null, m.url()))
                .toList();
        String words = text.isEmpty() ? (attachments.isEmpty() ? "[SMS vide]" : "[MMS]") : text;
        IncomingRequest request = IncomingRequest.proven(Channel.PHONE, contact, null, null, words, redButtonWords.pressedIn(text),
                attachments);
        // Twilio does not send an SMS webhook again: with MongoDB away the message is published all the same.
        return submitRequest.submitOnceEvenWithoutDatabase("sms:" + messageSid, "sms", request)
                .doOnNext(s -> {
                    if (s.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }
}
