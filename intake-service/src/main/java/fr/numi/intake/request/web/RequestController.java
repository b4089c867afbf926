package fr.numi.intake.request.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.backlog.application.PipelineBacklog;
import fr.numi.intake.config.BacklogProperties;
import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.FirstInstructions;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.SubmissionReceipt;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.Digests;
import fr.numi.intake.request.domain.IncomingRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The web channel: a person (the public form) or a web gateway (with its {@code X-Api-Key}) submits a
 * request. With an {@code Idempotency-Key}, a retry with the same body gets the original answer and
 * publishes nothing; the same key with another body is refused (409).
 */
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {

    private static final String CHANNEL = "web";
    /** Printable ASCII, no spaces, at most 200 characters (a UUID fits, as do most gateways' ids). */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");

    private final SubmitRequest submitRequest;
    private final IntakeProperties properties;
    private final ApiKeys apiKeys;
    private final GatewayMetrics metrics;
    private final FirstInstructions redButtonInstructions;
    private final PipelineBacklog backlog;
    private final BacklogProperties backlogProperties;

    RequestController(SubmitRequest submitRequest, IntakeProperties properties, ApiKeys apiKeys, GatewayMetrics metrics,
            PipelineBacklog backlog, BacklogProperties backlogProperties) {
        this.submitRequest = submitRequest;
        this.properties = properties;
        this.apiKeys = apiKeys;
        this.metrics = metrics;
        // Read once, at start-up: a file without the lines stops the start, naming it.
        this.redButtonInstructions = FirstInstructions.load(properties.redButtonInstructions());
        this.backlog = backlog;
        this.backlogProperties = backlogProperties;
    }

    @Operation(summary = "A person's request from the web form or a web gateway: 202 with the ticket id and the tracking link")
    @PostMapping
    Mono<ResponseEntity<?>> create(
            @RequestHeader(name = "X-Api-Key", required = false) String apiKey,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader(name = "Origin", required = false) String origin,
            @Valid @RequestBody CreateRequestBody body) {
        String gateway;
        if (apiKey != null) {
            gateway = apiKeys.gateway(apiKey).orElse(null);
            if (gateway == null) {
                metrics.rejected(CHANNEL, "api-key-invalid");
                return Mono.just(unauthorized("Clé d'API inconnue."));
            }
        } else if (apiKeys.anonymousAllowed(origin)) {
            gateway = ApiKeys.PUBLIC;
        } else {
            metrics.rejected(CHANNEL, "api-key-missing");
            return Mono.just(unauthorized("Indiquez la clé d'API de votre passerelle (en-tête X-Api-Key)."));
        }
        Contact contact = Contact.of(body.contact().kind(), body.contact().value());
        // Typed, not proven: this request never joins nor reveals another ticket of that contact.
        IncomingRequest request = IncomingRequest.typed(
                Channel.WEB,
                contact,
                blankToNull(body.name()),
                blankToNull(body.subject()),
                body.description().strip(),
                Boolean.TRUE.equals(body.redButton()));
        if (!request.redButton() && backlog.overloaded()) {
            // A ticket now would wait behind the backlog for hours: say so, nothing is published (the form keeps the
            // text, a gateway sends it again). A red button is never refused.
            metrics.rejected(CHANNEL, "pipeline-busy");
            return Mono.just(busy());
        }
        if (idempotencyKey == null) {
            return submitRequest.submit(request).map(receipt -> accepted(receipt, request.redButton(), false));
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            metrics.rejected(CHANNEL, "idempotency-key-invalid");
            return Mono.just(Problems.respond(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Demande incomplète ou invalide",
                    "L'en-tête Idempotency-Key doit faire 1 à 200 caractères ASCII visibles.")));
        }
        return submitRequest.submitOnce("web:" + gateway + ":" + idempotencyKey, fingerprint(request), request)
                .map(submission -> {
                    if (submission.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                    return accepted(submission.receipt(), request.redButton(), submission.duplicate());
                });
    }

    private ResponseEntity<?> accepted(SubmissionReceipt receipt, boolean redButton, boolean replayed) {
        String trackingUrl = properties.trackingBaseUrl() + receipt.trackingToken();
        var builder = ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(trackingUrl));
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        if (redButton) {
            return builder.body(new RequestAccepted(receipt.ticketId(), receipt.trackingToken(), trackingUrl, "RECEIVED",
                    "Votre alerte est bien reçue. " + redButtonInstructions.closingFor(receipt.ticketId()),
                    RequestAccepted.Instructions.of(redButtonInstructions)));
        }
        return builder.body(new RequestAccepted(
                receipt.ticketId(),
                receipt.trackingToken(),
                trackingUrl,
                "RECEIVED",
                "Votre demande est bien reçue. Gardez votre numéro de dossier " + receipt.ticketId()
                        + " : un conseiller vous répond au plus vite.",
                null));
    }

    /** What makes two deliveries "the same body": the normalised request, so spacing or key order do not matter. */
    static String fingerprint(IncomingRequest r) {
        return Digests.sha256Hex(String.join("\u0000", r.contact().kind().name(), r.contact().value(), String.valueOf(r.name()),
                String.valueOf(r.subject()), r.text(), Boolean.toString(r.redButton())));
    }

    private ResponseEntity<?> busy() {
        long seconds = backlogProperties.retryAfter().toSeconds();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Service très sollicité",
                        "Beaucoup de demandes arrivent en ce moment. Renvoyez la vôtre dans " + seconds
                                + " secondes. En cas d'urgence cyber, utilisez le bouton rouge : il passe toujours."));
    }

    private static ResponseEntity<?> unauthorized(String detail) {
        return Problems.respond(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Accès refusé", detail));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
