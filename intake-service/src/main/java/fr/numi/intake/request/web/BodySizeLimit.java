package fr.numi.intake.request.web;

import fr.numi.intake.config.IntakeProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies before anything reads them: a declared {@code Content-Length} over the cap is
 * refused at once with 413; a chunked body is stopped by the codec limit set to the same cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit implements WebFilter, CodecCustomizer {

    private final IntakeProperties properties;

    BodySizeLimit(IntakeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > properties.maxBodyBytes()) {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            String json = "{\"type\":\"" + ProblemHandler.TYPE_BASE + "payload-too-large\",\"title\":\"Demande trop volumineuse\","
                    + "\"status\":413,\"detail\":\"La demande dépasse " + properties.maxBodyBytes() / 1024 + " Kio.\","
                    + "\"instance\":\"" + exchange.getRequest().getPath().value() + "\"}";
            return response.writeWith(Mono.just(response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
        }
        return chain.filter(exchange);
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize(properties.maxBodyBytes());
    }
}
