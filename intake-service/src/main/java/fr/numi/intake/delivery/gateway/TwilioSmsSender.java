package fr.numi.intake.delivery.gateway;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.config.TwilioProperties;
import fr.numi.intake.delivery.application.OutgoingMessage;
import fr.numi.intake.delivery.application.SmsSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through Twilio's Messages API: {@code POST {base-url}/2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form-encoded {@code To}, {@code From} (or {@code MessagingServiceSid} for an {@code MG...} sender) and
 * {@code Body}, HTTP basic auth with the account SID and auth token; the answer's {@code sid} is kept.
 */
@Component
class TwilioSmsSender implements SmsSender {

    static final String NAME = "twilio-api";
    /** Twilio's cap on a message body. */
    static final int MAX_BODY = 1600;

    private final DeliveryProperties.Twilio settings;
    private final String authToken;
    private final WebClient http;
    private final JsonMapper json;
    private final ProviderGuard guard;

    TwilioSmsSender(DeliveryProperties properties, TwilioProperties twilio, JsonMapper json, MeterRegistry meters) {
        this.settings = properties.twilio();
        this.authToken = twilio.authToken();
        this.http = WebClient.builder().baseUrl(settings.baseUrl()).build();
        this.json = json;
        this.guard = new ProviderGuard(NAME, properties.resilience(), meters);
    }

    @Override
    public boolean configured() {
        return !settings.accountSid().isBlank() && !settings.from().isBlank() && !authToken.isBlank();
    }

    @Override
    public Mono<String> send(OutgoingMessage message) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", message.to());
        form.add(settings.from().startsWith("MG") ? "MessagingServiceSid" : "From", settings.from());
        form.add("Body", message.text().length() > MAX_BODY ? message.text().substring(0, MAX_BODY - 1) + "…" : message.text());
        String basic = Base64.getEncoder().encodeToString((settings.accountSid() + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return guard.guard(http.post()
                .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", settings.accountSid())
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> ProviderAnswers.read(NAME, response, json,
                        answer -> ProviderAnswers.text(answer.path("sid")),
                        answer -> ProviderAnswers.text(answer.path("code")))));
    }
}
