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
 *
 * <p>MongoDB away (the call log or the ledger cannot be read or written): the caller is on the line and Twilio does not
 * call again, so every step still answers, from what its own callback says ({@code From}, digits, recording,
 * transcription). The menu is read without the call being logged; the red button is published as always (Kafka first);
 * any other choice at the menu, a recording, a transcription or the end of the call publishes the call at once as it
 * stands (a call-back request, or with its recording or transcription), and a caller at the menu hears that they will
 * be called back ({@link Next#CALL_BACK}). The same call published twice has the same event id: consumers keep the
 * first (docs/services/intake.md "MongoDB down").
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
        // Not logged: the menu is read all the same, and every later step carries From again.
        return callLogged(callSid, fields, "voice");
    }

    /** What the caller chose at the menu. */
    public enum Next {
        /** The red button: the request is already published; the caller hears the first instructions. */
        RED_BUTTON,
        /** Put through to the agents' lines. */
        AGENT,
        /** Leave a message. */
        MESSAGE,
        /** MongoDB is away: the call is published as a call-back request; the caller hears they will be called back. */
        CALL_BACK,
        /** MongoDB is away and the caller's number is hidden: nobody can call back; the caller hears to call again. */
        CALL_AGAIN
    }

    /**
     * The red button is published first, from this callback's own parameters, then written in the call log if MongoDB
     * answers: the press reaches Kafka whether or not the database does.
     */
    public Mono<Next> gathered(String callSid, String from, String digits, String speech) {
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
        if (red) {
            return publish(callback(callSid, from, digits, speech, null, null, null), true, true)
                    .then(callLogged(callSid, fields, "gather"))
                    .thenReturn(Next.RED_BUTTON);
        }
        return calls.merge(callSid, fields)
                .map(call -> agent ? Next.AGENT : Next.MESSAGE)
                .onErrorResume(e -> {
                    logWithoutDatabase(callSid, "gather", e);
                    CallLog.Call call = callback(callSid, from, digits, speech, null, null, null);
                    return usableCaller(call)
                            ? publish(call, false, true).thenReturn(Next.CALL_BACK)
                            : Mono.just(Next.CALL_AGAIN);
                });
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
        // Without the call log the caller's number is unknown here (this is the agent's leg): the call's own final
        // status publishes it, as a call-back request.
        return calls.merge(callSid, Map.of("answeredBy", agentId)).flatMap(call -> publish(call, false, true))
                .onErrorResume(e -> {
                    logWithoutDatabase(callSid, "answered", e);
                    return Mono.empty();
                });
    }

    /** Without the call log, the call is published now with its recording: the transcription could not be kept. */
    public Mono<Void> recorded(String callSid, String from, String recordingUrl, String recordingSid) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("recordingUrl", recordingUrl);
        fields.put("recordingSid", recordingSid);
        return calls.merge(callSid, fields).then().onErrorResume(e -> {
            logWithoutDatabase(callSid, "recording", e);
            return publish(callback(callSid, from, null, null, recordingUrl, recordingSid, null), false, true);
        });
    }

    public Mono<Void> transcribed(String callSid, String from, String text, String status) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("transcription", text == null ? "" : text);
        fields.put("transcriptionStatus", status == null ? "failed" : status);
        return calls.merge(callSid, fields)
                .onErrorResume(e -> {
                    logWithoutDatabase(callSid, "transcription", e);
                    return Mono.just(callback(callSid, from, null, null, null, null, text));
                })
                .flatMap(call -> publish(call, false, true));
    }

    /** Without the call log, a call that ended is published as a call-back request (its recording, if any, unknown). */
    public Mono<Void> statusChanged(String callSid, String from, long sequence, String status) {
        return calls.status(callSid, sequence, status, clock.instant())
                .flatMap(call -> PhoneMenu.isFinal(call.status()) && call.recordingUrl() == null ? publish(call, false, true) : Mono.empty())
                .onErrorResume(e -> {
                    logWithoutDatabase(callSid, "status", e);
                    return PhoneMenu.isFinal(status) ? publish(callback(callSid, from, null, null, null, null, null), false, true) : Mono.empty();
                });
    }

    @Scheduled(fixedDelayString = "${numi.intake.twilio.sweep-every:15s}")
    void sweep() {
        calls.awaitingTranscription(clock.instant().minus(properties.transcriptionWait()))
                .concatMap(call -> publish(call, false, false).then(calls.merge(call.callSid(), Map.of("transcriptionStatus", "timeout"))))
                .onErrorResume(e -> {
                    log.warn("transcription sweep failed cause={}", e.toString());
                    return Mono.empty();
                })
                .blockLast();
    }

    /** The call as this callback alone tells it, when the call log cannot. */
    private static CallLog.Call callback(String callSid, String from, String digits, String speech, String recordingUrl, String recordingSid,
            String transcription) {
        return new CallLog.Call(callSid, from, digits, speech, recordingUrl, recordingSid, transcription, null, null, null, null);
    }

    /** Writes the fields in the call log if MongoDB answers; the caller is answered either way. */
    private Mono<Void> callLogged(String callSid, Map<String, Object> fields, String step) {
        return calls.merge(callSid, fields).then().onErrorResume(e -> {
            logWithoutDatabase(callSid, step, e);
            return Mono.empty();
        });
    }

    private void logWithoutDatabase(String callSid, String step, Throwable e) {
        metrics.withoutDatabase(CHANNEL, step);
        log.warn("call log unavailable, answered without it call={} step={} cause={}", callSid, step, e.getClass().getName());
    }

    private static boolean usableCaller(CallLog.Call call) {
        try {
            Contact.of(Contact.Kind.PHONE, call.from());
            return true;
        } catch (InvalidContactException | NullPointerException e) {
            return false;
        }
    }

    /**
     * @param evenWithoutDatabase published even if the ledger cannot be written (a callback: Twilio does not send it
     *     again); the sweep, which runs again, leaves it for later
     */
    private Mono<Void> publish(CallLog.Call call, boolean redButton, boolean evenWithoutDatabase) {
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
        return (evenWithoutDatabase
                        ? submitRequest.submitOnceEvenWithoutDatabase("twilio:" + call.callSid(), "call", request)
                        : submitRequest.submitOnce("twilio:" + call.callSid(), "call", request))
                .doOnNext(s -> {
                    if (s.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }
}
