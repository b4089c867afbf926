package fr.numi.intake.phone.web;

import fr.numi.intake.phone.application.ReceiveSms;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Twilio Messaging webhook: point the number's "A message comes in" at
 * {@code /api/v1/phone/twilio/sms}. Checked against {@code X-Twilio-Signature}; answered with an
 * empty TwiML (no automatic reply: the answers come from the agents, and from the ticket's steps).
 */
@RestController
@RequestMapping("/api/v1/phone/twilio")
class TwilioSmsController {

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9A-Za-z]{1,64}");
    /** Twilio sends at most 10 media per MMS. */
    private static final int MAX_MEDIA = 10;

    private final ReceiveSms receiveSms;
    private final TwilioRequests requests;

    TwilioSmsController(ReceiveSms receiveSms, TwilioRequests requests) {
        this.receiveSms = receiveSms;
        this.requests = requests;
    }

    @Operation(summary = "An SMS or MMS comes in (signed by Twilio): empty TwiML, no automatic reply")
    @PostMapping("/sms")
    Mono<ResponseEntity<String>> sms(ServerWebExchange exchange) {
        return requests.verified(exchange, "MessageSid", MESSAGE_SID, form -> {
            int count;
            try {
                count = Math.min(MAX_MEDIA, Integer.parseInt(form.getFirst("NumMedia") == null ? "0" : form.getFirst("NumMedia")));
            } catch (NumberFormatException e) {
                count = 0;
            }
            List<ReceiveSms.Media> media = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (form.getFirst("MediaUrl" + i) != null) {
                    media.add(new ReceiveSms.Media(form.getFirst("MediaUrl" + i), form.getFirst("MediaContentType" + i)));
                }
            }
            return receiveSms.receive(form.getFirst("MessageSid"), form.getFirst("From"), form.getFirst("Body"), media)
                    .thenReturn(TwilioRequests.twiml(Twiml.EMPTY));
        });
    }
}
