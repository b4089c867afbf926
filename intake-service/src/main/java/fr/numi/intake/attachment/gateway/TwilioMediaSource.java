package fr.numi.intake.attachment.gateway;

import fr.numi.intake.attachment.application.MediaSource;
import fr.numi.intake.attachment.domain.AttachmentPolicy;
import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.config.TwilioProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Call recordings and MMS media through Twilio's REST API, with HTTP basic auth (account SID : auth
 * token). Only URLs under Twilio's API base are fetched: a URL that came in a webhook never makes numi
 * call anywhere else with its credentials.
 */
@Component
class TwilioMediaSource implements MediaSource {

    private final DeliveryProperties.Twilio settings;
    private final String authToken;
    private final WebClient http;

    TwilioMediaSource(DeliveryProperties properties, TwilioProperties twilio, AttachmentPolicy policy) {
        this.settings = properties.twilio();
        this.authToken = twilio.authToken();
        this.http = WebMedia.client(policy.maxBytes());
    }

    @Override
    public String name() {
        return "TWILIO";
    }

    @Override
    public boolean configured() {
        return !settings.accountSid().isBlank() && !authToken.isBlank();
    }

    @Override
    public Mono<Media> fetch(String url, long maxBytes) {
        if (url == null || !url.startsWith(settings.baseUrl() + "/")) {
            return Mono.error(new MediaException(MediaException.Kind.GONE, "twilio: not a Twilio API URL"));
        }
        String basic = Base64.getEncoder().encodeToString((settings.accountSid() + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return http.get().uri(java.net.URI.create(url))
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .exchangeToMono(response -> {
                    if (response.statusCode().isError()) {
                        return response.createException().flatMap(Mono::error);
                    }
                    MediaType type = response.headers().contentType().orElse(null);
                    return response.bodyToMono(byte[].class)
                            .map(bytes -> new Media(type == null ? null : AttachmentPolicy.base(type.toString()), bytes));
                })
                .timeout(Duration.ofSeconds(60))
                .onErrorMap(e -> WebMedia.classify("twilio", e));
    }
}
