package fr.numi.intake.attachment.gateway;

import fr.numi.intake.attachment.application.MediaSource;
import fr.numi.intake.attachment.domain.AttachmentPolicy;
import fr.numi.intake.config.DeliveryProperties;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp media through the Cloud API: {@code GET {graph}/{version}/{media-id}} (bearer token) gives a
 * short-lived URL, its type and size; {@code GET <url>} with the same token gives the bytes. A media
 * larger than the limit is refused before it is downloaded.
 */
@Component
class GraphApiMediaSource implements MediaSource {

    private final DeliveryProperties.WhatsApp settings;
    private final AttachmentPolicy policy;
    private final JsonMapper json;
    private final WebClient http;

    GraphApiMediaSource(DeliveryProperties properties, AttachmentPolicy policy, JsonMapper json) {
        this.settings = properties.whatsapp();
        this.policy = policy;
        this.json = json;
        this.http = WebMedia.client(policy.maxBytes());
    }

    @Override
    public String name() {
        return "WHATSAPP";
    }

    @Override
    public boolean configured() {
        return !settings.accessToken().isBlank();
    }

    @Override
    public Mono<Media> fetch(String mediaId, long maxBytes) {
        if (mediaId == null || !mediaId.matches("[A-Za-z0-9._-]{1,200}")) {
            return Mono.error(new MediaException(MediaException.Kind.GONE, "whatsapp: not a media id"));
        }
        return http.get().uri(settings.graphBaseUrl() + "/{version}/{id}", settings.apiVersion(), mediaId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken())
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(Duration.ofSeconds(15))
                .map(json::readTree)
                .flatMap(meta -> download(meta, maxBytes))
                .onErrorMap(e -> WebMedia.classify("whatsapp", e));
    }

    private Mono<Media> download(JsonNode meta, long maxBytes) {
        String url = meta.path("url").asString(null);
        String mime = meta.path("mime_type").asString(null);
        long size = meta.path("file_size").asLong(-1);
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return Mono.error(new MediaException(MediaException.Kind.GONE, "whatsapp: no download URL"));
        }
        if (size > maxBytes) {
            return Mono.error(new MediaException(MediaException.Kind.TOO_LARGE, "whatsapp: " + size + " bytes"));
        }
        return http.get().uri(java.net.URI.create(url))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.accessToken())
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(Duration.ofSeconds(60))
                .map(bytes -> new Media(mime == null ? null : AttachmentPolicy.base(mime), bytes));
    }
}
