package fr.numi.intake.request.web;

import fr.numi.intake.config.IntakeProperties;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.IncomingRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The web channel: a person (or a web gateway) submits a request. */
@RestController
@RequestMapping("/api/v1/requests")
class RequestController {

    private final SubmitRequest submitRequest;
    private final IntakeProperties properties;

    RequestController(SubmitRequest submitRequest, IntakeProperties properties) {
        this.submitRequest = submitRequest;
        this.properties = properties;
    }

    @PostMapping
    Mono<ResponseEntity<RequestAccepted>> create(@Valid @RequestBody CreateRequestBody body) {
        Contact contact = Contact.of(body.contact().kind(), body.contact().value());
        IncomingRequest request = new IncomingRequest(
                Channel.WEB,
                contact,
                blankToNull(body.name()),
                blankToNull(body.subject()),
                body.description().strip(),
                Boolean.TRUE.equals(body.redButton()));
        return submitRequest.submit(request).map(receipt -> {
            String trackingUrl = properties.trackingBaseUrl() + receipt.trackingToken();
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create(trackingUrl))
                    .body(new RequestAccepted(
                            receipt.ticketId(),
                            receipt.trackingToken(),
                            trackingUrl,
                            "RECEIVED",
                            "Votre demande est bien reçue. Gardez votre numéro de dossier " + receipt.ticketId()
                                    + " : un conseiller vous répond au plus vite."));
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
