package fr.numi.intake.phone.web;

import fr.numi.intake.config.TwilioProperties;
import fr.numi.intake.phone.application.ReceiveCall;
import fr.numi.intake.request.application.GatewayMetrics;
import io.swagger.v3.oas.annotations.Operation;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Twilio Programmable Voice webhooks (form-encoded POST, TwiML answer). Point the number's "A call
 * comes in" at {@code /api/v1/phone/twilio/voice} and its status callback at {@code .../status}; the
 * menu points Twilio at the other steps itself. Every call is checked against
 * {@code X-Twilio-Signature} before any parameter is used. With MongoDB away every step still answers TwiML (the
 * caller is on the line, and Twilio does not call a voice webhook again): {@link ReceiveCall} says what is published.
 */
@RestController
@RequestMapping("/api/v1/phone/twilio")
class TwilioVoiceController {

    private static final String CHANNEL = "twilio";
    private static final MediaType TWIML = MediaType.APPLICATION_XML;
    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}|CA[0-9A-Za-z]{1,64}");

    private final ReceiveCall receiveCall;
    private final TwilioRequests requests;
    private final TwilioProperties properties;
    private final GatewayMetrics metrics;

    TwilioVoiceController(ReceiveCall receiveCall, TwilioRequests requests, TwilioProperties properties, GatewayMetrics metrics) {
        this.receiveCall = receiveCall;
        this.requests = requests;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "A call comes in (signed by Twilio): the voice menu, in TwiML")
    @PostMapping("/voice")
    Mono<ResponseEntity<String>> voice(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.incoming(form.getFirst("CallSid"), form.getFirst("From"), form.getFirst("To"))
                .thenReturn(twiml(Twiml.menu(!properties.agentLines().isEmpty()))));
    }

    @Operation(summary = "The caller's choice in the menu: red button, an agent, or a message")
    @PostMapping("/gather")
    Mono<ResponseEntity<String>> gather(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.gathered(form.getFirst("CallSid"), form.getFirst("From"), form.getFirst("Digits"),
                        form.getFirst("SpeechResult"))
                .map(next -> twiml(switch (next) {
                    case RED_BUTTON -> Twiml.RED_BUTTON;
                    case AGENT -> Twiml.dial(form.getFirst("CallSid"), properties.agentLines());
                    case MESSAGE -> Twiml.RECORD;
                    case CALL_BACK -> Twiml.CALL_BACK;
                    case CALL_AGAIN -> Twiml.CALL_AGAIN;
                })));
    }

    /** A caller asked for an agent and nobody answered (or they hung up): leave a message. */
    @Operation(summary = "No agent answered: the caller leaves a message")
    @PostMapping("/record")
    Mono<ResponseEntity<String>> record(ServerWebExchange exchange) {
        return verified(exchange, form -> Mono.just(twiml(Twiml.RECORD)));
    }

    /** The end of the agents' ring: answered and over, or nobody took it. */
    @Operation(summary = "The end of the agents' ring")
    @PostMapping("/dialed")
    Mono<ResponseEntity<String>> dialed(ServerWebExchange exchange) {
        return verified(exchange, form -> Mono.just(twiml("completed".equals(form.getFirst("DialCallStatus")) ? Twiml.GOODBYE : Twiml.NOBODY)));
    }

    /**
     * On the leg of the agent who picked up (Twilio calls the {@code url} of their {@code <Number>}):
     * the caller's call ({@code call}) becomes a ticket held by that agent.
     */
    @Operation(summary = "An agent picked up: the call becomes a ticket that agent holds")
    @PostMapping("/answered")
    Mono<ResponseEntity<String>> answered(ServerWebExchange exchange) {
        String parent = exchange.getRequest().getQueryParams().getFirst("call");
        String agent = exchange.getRequest().getQueryParams().getFirst("agent");
        return verified(exchange, form -> parent == null || !CALL_SID.matcher(parent).matches() || agent == null
                ? Mono.just(ResponseEntity.badRequest().<String>build())
                : receiveCall.answered(parent, agent).thenReturn(twiml(Twiml.WHISPER)));
    }

    @Operation(summary = "The caller's message is recorded")
    @PostMapping("/recording")
    Mono<ResponseEntity<String>> recording(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.recorded(form.getFirst("CallSid"), form.getFirst("From"), form.getFirst("RecordingUrl"),
                        form.getFirst("RecordingSid"))
                .thenReturn(twiml(Twiml.GOODBYE)));
    }

    @Operation(summary = "The transcription of the caller's message")
    @PostMapping("/transcription")
    Mono<ResponseEntity<String>> transcription(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.transcribed(
                        form.getFirst("CallSid"), form.getFirst("From"), form.getFirst("TranscriptionText"), form.getFirst("TranscriptionStatus"))
                .thenReturn(twiml(Twiml.EMPTY)));
    }

    @Operation(summary = "The call's status changed")
    @PostMapping("/status")
    Mono<ResponseEntity<String>> status(ServerWebExchange exchange) {
        return verified(exchange, form -> {
            long sequence;
            try {
                sequence = Long.parseLong(form.getFirst("SequenceNumber") == null ? "0" : form.getFirst("SequenceNumber"));
            } catch (NumberFormatException e) {
                metrics.rejected(CHANNEL, "malformed");
                return Mono.just(ResponseEntity.badRequest().<String>build());
            }
            return receiveCall.statusChanged(form.getFirst("CallSid"), form.getFirst("From"), sequence, form.getFirst("CallStatus")).thenReturn(twiml(Twiml.EMPTY));
        });
    }

    private Mono<ResponseEntity<String>> verified(
            ServerWebExchange exchange, Function<MultiValueMap<String, String>, Mono<ResponseEntity<String>>> handler) {
        return requests.verified(exchange, "CallSid", CALL_SID, handler);
    }

    private static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(TWIML).body(xml);
    }
}
