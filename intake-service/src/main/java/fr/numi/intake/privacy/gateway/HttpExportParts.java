package fr.numi.intake.privacy.gateway;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.contracts.privacy.CustomerExport.Part;
import fr.numi.intake.config.PrivacyProperties;
import fr.numi.intake.privacy.application.ExportParts;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ExportParts} over HTTP: {@code GET <url>/api/v1/privacy/customers/{id}/data} on each instance the settings name
 * for the service ({@code numi.intake.privacy.export.from}), in turn, until one answers 200 within the time-out, with
 * the DPO's own {@code Authorization} (the service checks the token and the role again: intake holds no key of its
 * own to the others). A part that names another service or person is refused as no answer.
 */
@Component
class HttpExportParts implements ExportParts {

    private final PrivacyProperties.Export settings;
    private final WebClient http;

    HttpExportParts(PrivacyProperties privacy) {
        this.settings = privacy.export();
        this.http = WebClient.builder().build();
    }

    @Override
    public List<String> services() {
        return List.copyOf(settings.from().keySet());
    }

    @Override
    public Mono<Part> part(String service, String customerId, String authorization) {
        List<URI> urls = settings.from().get(service);
        if (urls == null) {
            return Mono.error(new PartUnavailableException(service, "no URL configured"));
        }
        return Flux.fromIterable(urls)
                .concatMap(url -> fetch(url, customerId, authorization)
                        .filter(part -> service.equals(part.service()) && customerId.equals(part.customerId()))
                        .onErrorResume(e -> Mono.empty()), 1)
                .next()
                .switchIfEmpty(Mono.error(() -> new PartUnavailableException(service, "no instance of " + urls.size() + " answered")));
    }

    private Mono<Part> fetch(URI base, String customerId, String authorization) {
        URI uri = UriComponentsBuilder.fromUri(base).path(CustomerExport.PATH).buildAndExpand(customerId).toUri();
        return http.get().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(Part.class)
                .timeout(settings.timeout());
    }
}
