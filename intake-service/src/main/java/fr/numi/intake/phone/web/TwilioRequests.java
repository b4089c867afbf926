package fr.numi.intake.phone.web;

import fr.numi.intake.config.TwilioProperties;
import fr.numi.intake.phone.domain.TwilioSignature;
import fr.numi.intake.request.application.GatewayMetrics;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every Twilio webhook does first: a form-encoded body, checked against
 * {@code X-Twilio-Signature} (behind a proxy, against the public URL) before any parameter is used,
 * and the request's own id ({@code CallSid}, {@code MessageSid}) well formed.
 */
@Component
class TwilioRequests {

    private static final Logger log = LoggerFactory.getLogger(TwilioRequests.class);
    static final String CHANNEL = "twilio";
    static final MediaType TWIML = MediaType.APPLICATION_XML;

    private final TwilioProperties properties;
    private final GatewayMetrics metrics;

    TwilioRequests(TwilioProperties properties, GatewayMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Runs {@code handler} on the form once it is signed and its {@code idField} matches {@code idShape}. */
    Mono<ResponseEntity<String>> verified(ServerWebExchange exchange, String idField, Pattern idShape,
            Function<MultiValueMap<String, String>, Mono<ResponseEntity<String>>> handler) {
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
            String id = form.getFirst(idField);
            if (id == null || !idShape.matcher(id).matches()) {
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

    static ResponseEntity<String> twiml(String xml) {
        return ResponseEntity.ok().contentType(TWIML).body(xml);
    }
}
