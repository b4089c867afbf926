package fr.numi.intake.phone.web;

import fr.numi.intake.config.TwilioProperties;
import fr.numi.intake.phone.application.ReceiveCall;
import fr.numi.intake.phone.domain.TwilioSignature;
import fr.numi.intake.request.application.GatewayMetrics;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
 * {@code X-Twilio-Signature} before any parameter is used.
 */
@RestController
@RequestMapping("/api/v1/phone/twilio")
class TwilioVoiceController {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceController.class);
    private static final String CHANNEL = "twilio";
    private static final MediaType TWIML = MediaType.APPLICATION_XML;

    private final ReceiveCall receiveCall;
    private final TwilioProperties properties;
    private final GatewayMetrics metrics;

    TwilioVoiceController(ReceiveCall receiveCall, TwilioProperties properties, GatewayMetrics metrics) {
        this.receiveCall = receiveCall;
        this.properties = properties;
        this.metrics = metrics;
    }

    @PostMapping("/voice")
    Mono<ResponseEntity<String>> voice(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.incoming(form.getFirst("CallSid"), form.getFirst("From"), form.getFirst("To"))
                .thenReturn(twiml(Twiml.MENU)));
    }

    @PostMapping("/gather")
    Mono<ResponseEntity<String>> gather(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.gathered(form.getFirst("CallSid"), form.getFirst("Digits"), form.getFirst("SpeechResult"))
                .map(red -> twiml(red ? Twiml.RED_BUTTON : Twiml.RECORD)));
    }

    @PostMapping("/recording")
    Mono<ResponseEntity<String>> recording(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.recorded(form.getFirst("CallSid"), form.getFirst("RecordingUrl"), form.getFirst("RecordingSid"))
                .thenReturn(twiml(Twiml.GOODBYE)));
    }

    @PostMapping("/transcription")
    Mono<ResponseEntity<String>> transcription(ServerWebExchange exchange) {
        return verified(exchange, form -> receiveCall.transcribed(
                        form.getFirst("CallSid"), form.getFirst("TranscriptionText"), form.getFirst("TranscriptionStatus"))
                .thenReturn(twiml(Twiml.EMPTY)));
    }

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
            return receiveCall.statusChanged(form.getFirst("CallSid"), sequence, form.getFirst("CallStatus")).thenReturn(twiml(Twiml.EMPTY));
        });
    }

    private Mono<ResponseEntity<String>> verified(
            ServerWebExchange exchange, Function<MultiValueMap<String, String>, Mono<ResponseEntity<String>>> handler) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            metrics.rejected(CHANNEL, "malformed");
            return Mono.just(ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build());
        }
        return exchange.getFormData().flatMap(form -> {
            String signature = exchange.getRequest().getHeaders().getFirst("X-Twilio-Signature");
            if (!TwilioSignature.valid(properties.authToken(), publicUrl(exchange.getRequest()), form, signature)) {
                metrics.rejected(CHANNEL, signature == null ? "signature-missing" : "signature-invalid");
                log.warn("twilio callback refused path={} signature={}", exchange.getRequest().getPath().value(), signature == null ? "missing" : "invalid");
                return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).<String>build());
            }
            String callSid = form.getFirst("CallSid");
            if (callSid == null || !callSid.matches("CA[0-9a-fA-F]{32}|CA[0-9A-Za-z]{1,64}")) {
                metrics.rejected(CHANNEL, "malformed");
                return Mono.just(ResponseEntity.badRequest().<String>build());
            }
            return handler.apply(form);
        });
    }

    /** The URL Twilio signed: rebuilt from {@code numi.intake.twilio.public-base-url} behind a proxy. */
    private String publicUrl(ServerHttpRequest request) {
        String query = request.getURI().getRawQuery();
        String pathAndQuery = request.getPath().value() + (query == null ? "" : "?" + query);
        return properties.publicBaseUrl().isEmpty() ? request.getURI().toString() : properties.publicBaseUrl() + pathAndQuery;
    }

    private static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(TWIML).body(xml);
    }
}
