package fr.numi.intake.whatsapp.web;

import fr.numi.intake.config.WhatsAppProperties;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.whatsapp.application.ReceiveWhatsApp;
import fr.numi.intake.whatsapp.domain.HubSignature;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Business Cloud API webhook. GET: Meta's verification handshake. POST: the signature is
 * checked on the raw bytes before anything is parsed; 200 comes only once every message is in Kafka
 * (503 otherwise, and Meta retries; retries are absorbed on the wamid).
 */
@RestController
@RequestMapping("/api/v1/whatsapp/webhook")
class WhatsAppWebhookController {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);
    private static final String CHANNEL = "whatsapp";

    private final ReceiveWhatsApp receive;
    private final WhatsAppProperties properties;
    private final GatewayMetrics metrics;
    private final JsonMapper json;

    WhatsAppWebhookController(ReceiveWhatsApp receive, WhatsAppProperties properties, GatewayMetrics metrics, JsonMapper json) {
        this.receive = receive;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
    }

    @Operation(summary = "Meta's verification handshake for the webhook")
    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        boolean tokenMatches = token != null && !properties.verifyToken().isEmpty()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), properties.verifyToken().getBytes(StandardCharsets.UTF_8));
        if ("subscribe".equals(mode) && tokenMatches && challenge != null) {
            return ResponseEntity.ok(challenge);
        }
        metrics.rejected(CHANNEL, "verify-token");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @Operation(summary = "WhatsApp messages and delivery statuses, signed by Meta: 200 once every message is in Kafka")
    @PostMapping
    Mono<ResponseEntity<Void>> notify(
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        HubSignature.Check check = HubSignature.verify(properties.appSecret(), raw, signature);
        if (check != HubSignature.Check.VALID) {
            metrics.rejected(CHANNEL, check == HubSignature.Check.MISSING ? "signature-missing" : "signature-invalid");
            log.warn("whatsapp webhook refused signature={}", check);
            return Mono.just(ResponseEntity.status(check == HubSignature.Check.MISSING ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN).build());
        }
        WhatsAppPayload payload;
        try {
            JsonNode root = json.readTree(raw);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            payload = WhatsAppPayload.read(root);
        } catch (JacksonException | IllegalArgumentException e) {
            metrics.rejected(CHANNEL, "malformed");
            return Mono.just(ResponseEntity.badRequest().build());
        }
        payload.ignored.forEach(reason -> metrics.ignored(CHANNEL, reason));
        return receive.receive(payload.messages, payload.statuses).thenReturn(ResponseEntity.ok().build());
    }
}
