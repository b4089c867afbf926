package fr.numi.intake.cti.web;

import fr.numi.intake.cti.application.ReceiveCti;
import fr.numi.intake.cti.domain.CtiEvent;
import fr.numi.intake.request.application.GatewayMetrics;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generic CTI push, the shape of Zammad's generic CTI ({@code POST .../cti/<token>}, form-encoded as
 * Zammad's bridges send it, or JSON), so a PBX bridge written for Zammad points at numi unchanged.
 * An unknown token gets a bare 404 (no hint it is a token), a malformed push 400, anything else
 * {@code 200 {}} once it is recorded (and, for a missed call, once the call-back request is in Kafka).
 */
@RestController
@RequestMapping("/api/v1/cti")
class CtiController {

    private static final Logger log = LoggerFactory.getLogger(CtiController.class);
    private static final String CHANNEL = "cti";

    private final ReceiveCti receive;
    private final GatewayMetrics metrics;
    private final JsonMapper json;

    CtiController(ReceiveCti receive, GatewayMetrics metrics, JsonMapper json) {
        this.receive = receive;
        this.metrics = metrics;
        this.json = json;
    }

    @Operation(summary = "A PBX bridge's call event, in Zammad's generic CTI shape; an unknown token gets a bare 404")
    @PostMapping("/{token}")
    Mono<ResponseEntity<Map<String, Object>>> push(@PathVariable("token") String token, ServerWebExchange exchange) {
        String bridge = receive.bridge(token).orElse(null);
        if (bridge == null) {
            metrics.rejected(CHANNEL, "unknown-token");
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).build());
        }
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        Mono<CtiEvent> event;
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            event = exchange.getFormData().map(CtiController::fromForm);
        } else if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            event = org.springframework.core.io.buffer.DataBufferUtils.join(exchange.getRequest().getBody())
                    .map(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    .map(this::fromJson);
        } else {
            metrics.rejected(CHANNEL, "malformed");
            return Mono.just(ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).build());
        }
        return event
                .onErrorResume(e -> e instanceof JacksonException || e instanceof IllegalArgumentException, e -> Mono.just(MALFORMED))
                .flatMap(e -> {
                    String problem = e == MALFORMED ? "body" : e.problem();
                    if (problem != null) {
                        metrics.rejected(CHANNEL, "malformed");
                        log.warn("cti push refused bridge={} field={}", bridge, problem);
                        return Mono.just(ResponseEntity.badRequest().<Map<String, Object>>body(
                                Map.of("error", "invalid " + problem)));
                    }
                    return receive.receive(bridge, e).thenReturn(ResponseEntity.ok(Map.<String, Object>of()));
                });
    }

    private static final CtiEvent MALFORMED = new CtiEvent(null, null, null, null, null, null, null, null, null);

    private static CtiEvent fromForm(MultiValueMap<String, String> form) {
        List<String> users = new ArrayList<>();
        if (form.get("user[]") != null) {
            users.addAll(form.get("user[]"));
        }
        if (form.get("user") != null) {
            users.addAll(form.get("user"));
        }
        return new CtiEvent(form.getFirst("event"), form.getFirst("from"), form.getFirst("to"), form.getFirst("direction"),
                form.getFirst("callId"), users, form.getFirst("queue"), form.getFirst("answeringNumber"), form.getFirst("cause"));
    }

    private CtiEvent fromJson(byte[] bytes) {
        JsonNode root = json.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<String> users = new ArrayList<>();
        JsonNode user = root.has("user") ? root.get("user") : root.path("user[]");
        if (user.isArray()) {
            user.forEach(u -> users.add(u.asString()));
        } else if (user.isString()) {
            users.add(user.asString());
        }
        return new CtiEvent(text(root, "event"), text(root, "from"), text(root, "to"), text(root, "direction"), text(root, "callId"), users,
                text(root, "queue"), text(root, "answeringNumber"), text(root, "cause"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainer()) {
            throw new IllegalArgumentException(field + " is not a value");
        }
        return value.asString();
    }
}
