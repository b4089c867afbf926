package fr.numi.intake.phone.application;

import fr.numi.intake.attachment.domain.Attachment;
import fr.numi.intake.config.TwilioProperties;
import fr.numi.intake.config.WhatsAppProperties;
import fr.numi.intake.phone.domain.PhoneMenu;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.InvalidContactException;
import fr.numi.intake.whatsapp.domain.RedButtonWords;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: a Twilio call, one request per call (id {@code twilio:<CallSid>}). When it is published:
 * <ul>
 *   <li>the red-button digit (9) or the word "urgence" said at the menu: at once;</li>
 *   <li>otherwise when the transcription of the message arrives (completed or failed);</li>
 *   <li>at the end of a call with no recording (a hang-up at the menu: a call-back request);</li>
 *   <li>at the end of a call whose transcription has not come {@code transcription-wait} later
 *       (swept every 15 s): with the recording as reference.</li>
 * </ul>
 * The ledger makes a second trigger a no-op, so a call never gives two requests; callbacks after the
 * publication stay in the call log.
 */
@Service
public class ReceiveCall {

    private static final Logger log = LoggerFactory.getLogger(ReceiveCall.class);
    static final String CHANNEL = "twilio";

    private final CallLog calls;
    private final SubmitRequest submitRequest;
    private final GatewayMetrics metrics;
    private final RedButtonWords redButtonWords;
    private final TwilioProperties properties;
    private final Clock clock;

    public ReceiveCall(CallLog calls, SubmitRequest submitRequest, GatewayMetrics metrics, WhatsAppProperties words,
            TwilioProperties properties, Clock clock) {
        this.calls = calls;
        this.submitRequest = submitRequest;
        this.metrics = metrics;
        this.redButtonWords = new RedButtonWords(words.redButtonKeywords());
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Void> incoming(String callSid, String from, String to) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("from", from);
        fields.put("to", to);
        fields.put("startedAt", clock.instant());
        return calls.merge(callSid, fields).then();
    }

    /** What the caller chose at the menu. */
    public enum Next {
        /** The red button: the request is already published; the caller hears the first instructions. */
        RED_BUTTON,
        /** Put through to the agents' lines. */
        AGENT,
        /** Leave a message. */
        MESSAGE
    }

    public Mono<Next> gathered(String callSid, String digits, String speech) {
        Map<String, Object> fields = new HashMap<>();
        if (digits != null) {
            fields.put("digits", digits);
        }
        if (speech != null) {
            fields.put("speech", speech);
        }
        String digit = digits == null ? null : digits.strip();
        boolean red = PhoneMenu.RED_BUTTON.equals(digit) || redButtonWords.pressedIn(speech);
        boolean agent = !red && PhoneMenu.AGENT.equals(digit) && !properties.agentLines().isEmpty();
        return calls.merge(callSid, fields)
                .flatMap(call -> red ? publish(call, true).thenReturn(Next.RED_BUTTON) : Mono.just(agent ? Next.AGENT : Next.MESSAGE));
    }

    /**
     * An agent picked up the call they were rung for: the call's request is published at once, held by
     * that agent (the ticket opens in progress, the call as its first response).
     */
    public Mono<Void> answered(String callSid, String agentId) {
        if (!properties.agentLines().containsKey(agentId)) {
            metrics.ignored(CHANNEL, "unknown-agent");
            return Mono.empty();
        }
        return calls.merge(callSid, Map.of("answeredBy", agentId)).flatMap(call -> publish(call, false));
    }

    public Mono<Void> recorded(String callSid, String recordingUrl, String recordingSid) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("recordingUrl", recordingUrl);
        fields.put("recordingSid", recordingSid);
        return calls.merge(callSid, fields).then();
    }

    public Mono<Void> transcribed(String callSid, String text, String status) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("transcription", text == null ? "" : text);
        fields.put("transcriptionStatus", status == null ? "failed" : status);
        return calls.merge(callSid, fields).flatMap(call -> publish(call, false));
    }

    public Mono<Void> statusChanged(String callSid, long sequence, String status) {
        return calls.status(callSid, sequence, status, clock.instant())
                .flatMap(call -> PhoneMenu.isFinal(call.status()) && call.recordingUrl() == null ? publish(call, false) : Mono.empty());
    }

    @Scheduled(fixedDelayString = "${numi.intake.twilio.sweep-every:15s}")
    void sweep() {
        calls.awaitingTranscription(clock.instant().minus(properties.transcriptionWait()))
                .concatMap(call -> publish(call, false).then(calls.merge(call.callSid(), Map.of("transcriptionStatus", "timeout"))))
                .onErrorResume(e -> {
                    log.warn("transcription sweep failed cause={}", e.toString());
                    return Mono.empty();
                })
                .blockLast();
    }

    private Mono<Void> publish(CallLog.Call call, boolean redButton) {
        Contact contact;
        try {
            contact = Contact.of(Contact.Kind.PHONE, call.from());
        } catch (InvalidContactException | NullPointerException e) {
            metrics.ignored(CHANNEL, "no-caller-id");
            log.warn("call without a usable caller id not published call={}", call.callSid());
            return Mono.empty();
        }
        String choice = PhoneMenu.choice(call.digits());
        StringBuilder text = new StringBuilder("Appel téléphonique");
        if (choice != null) {
            text.append(" — choix ").append(call.digits().strip()).append(" : ").append(choice);
        }
        text.append('.');
        if (call.speech() != null && !call.speech().isBlank()) {
            text.append(" Dit au menu : « ").append(call.speech()).append(" ».");
        }
        if (call.answeredBy() != null) {
            text.append(" Appel pris par ").append(call.answeredBy()).append(" : notez ce qui a été dit et fait.");
        } else if (call.transcription() != null && !call.transcription().isBlank()) {
            text.append(" Message : « ").append(call.transcription()).append(" »");
        } else if (call.recordingUrl() != null) {
            text.append(" Message vocal enregistré (pas de transcription) : l'écouter.");
        } else if (!redButton) {
            text.append(" Pas de message : rappeler la personne.");
        }
        List<Attachment> attachments = call.recordingUrl() == null
                ? List.of()
                : List.of(new Attachment("recording", call.recordingSid(), "audio/x-wav", null, null, call.recordingUrl()));
        IncomingRequest request = IncomingRequest.proven(Channel.PHONE, contact, null, choice, text.toString(), redButton, attachments);
        if (call.answeredBy() != null) {
            request = request.answeredBy(call.answeredBy());
        }
        return submitRequest.submitOnce("twilio:" + call.callSid(), "call", request)
                .doOnNext(s -> {
                    if (s.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }
}
