package fr.numi.intake.cti.application;

import fr.numi.intake.config.CtiProperties;
import fr.numi.intake.cti.domain.CtiEvent;
import fr.numi.intake.request.application.GatewayMetrics;
import fr.numi.intake.request.application.SubmitRequest;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import fr.numi.intake.request.domain.IncomingRequest;
import fr.numi.intake.request.domain.InvalidContactException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Use case: a PBX bridge's call events. Every event is recorded against its call; an incoming call
 * becomes one request ({@code cti:<bridge>:<callId>}, channel PHONE): held by the agent who answered
 * it, or, hung up before anyone answered, a call-back request.
 */
@Service
public class ReceiveCti {

    private static final Logger log = LoggerFactory.getLogger(ReceiveCti.class);
    static final String CHANNEL = "cti";

    private final CtiCallLog calls;
    private final SubmitRequest submitRequest;
    private final GatewayMetrics metrics;
    private final CtiProperties properties;
    private final Clock clock;

    public ReceiveCti(CtiCallLog calls, SubmitRequest submitRequest, GatewayMetrics metrics, CtiProperties properties, Clock clock) {
        this.calls = calls;
        this.submitRequest = submitRequest;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** The bridge a token belongs to (every token compared in constant time), or empty. */
    public Optional<String> bridge(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> entry : properties.tokens().entrySet()) {
            if (!entry.getValue().isEmpty() && MessageDigest.isEqual(entry.getValue().getBytes(StandardCharsets.UTF_8), given) && found == null) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    public Mono<Void> receive(String bridge, CtiEvent event) {
        return calls.apply(bridge, event, clock.instant()).flatMap(call -> {
            if (!"in".equals(call.direction())) {
                return Mono.empty();
            }
            if ("answer".equals(event.event())) {
                return answered(bridge, event, call);
            }
            if (!"hangup".equals(event.event()) || call.answered()) {
                return Mono.empty();
            }
            return callBack(bridge, event, call);
        });
    }

    /**
     * An agent took the call: a request held by that agent (the ticket opens in progress, the call is its
     * first response), so a problem solved on the phone counts. Same id as a missed call would have had:
     * a call is one request, whatever comes after.
     */
    private Mono<Void> answered(String bridge, CtiEvent event, CtiCallLog.Call call) {
        Contact contact;
        try {
            contact = Contact.of(Contact.Kind.PHONE, call.from());
        } catch (InvalidContactException | NullPointerException e) {
            metrics.ignored(CHANNEL, "no-caller-id");
            log.warn("answered call without a usable caller id not published bridge={}", bridge);
            return Mono.empty();
        }
        String agent = properties.agentFor(event.answeringNumber(), event.user());
        String text = "Appel reçu" + (event.queue() == null || event.queue().isBlank() ? "" : " sur la file « " + event.queue() + " »")
                + ", pris par " + agent + ". Notez ce qui a été dit et fait.";
        IncomingRequest request = IncomingRequest.proven(Channel.PHONE, contact, null, "appel", text, false, List.of()).answeredBy(agent);
        return submitRequest.submitOnce("cti:" + bridge + ":" + event.callId(), "call", request)
                .doOnNext(s -> {
                    if (s.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }

    private Mono<Void> callBack(String bridge, CtiEvent event, CtiCallLog.Call call) {
        Contact contact;
        try {
            contact = Contact.of(Contact.Kind.PHONE, call.from());
        } catch (InvalidContactException | NullPointerException e) {
            metrics.ignored(CHANNEL, "no-caller-id");
            log.warn("missed call without a usable caller id not published bridge={}", bridge);
            return Mono.empty();
        }
        String cause = call.cause() == null ? "inconnue" : call.cause();
        String text = "Appel manqué (" + cause + ")"
                + (event.queue() == null || event.queue().isBlank() ? "" : " sur la file « " + event.queue() + " »")
                + " : rappeler la personne.";
        IncomingRequest request = IncomingRequest.proven(Channel.PHONE, contact, null, "appel manqué", text, false, List.of());
        return submitRequest.submitOnce("cti:" + bridge + ":" + event.callId(), "missed-call", request)
                .doOnNext(s -> {
                    if (s.duplicate()) {
                        metrics.duplicate(CHANNEL);
                    }
                })
                .then();
    }
}
