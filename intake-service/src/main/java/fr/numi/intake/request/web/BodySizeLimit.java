package fr.numi.intake.request.web;

import fr.numi.contracts.problems.Problems;
import fr.numi.intake.config.IntakeProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies before anything reads them: a declared {@code Content-Length} over the cap is
 * refused at once with 413; a chunked body is stopped by the codec limit set to the same cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit implements WebFilter, CodecCustomizer {

    private final IntakeProperties properties;
    private final JsonMapper json;

    BodySizeLimit(IntakeProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > properties.maxBodyBytes()) {
            return Problems.write(json, exchange, ProblemHandler.tooLarge(properties.maxBodyBytes()));
        }
        return chain.filter(exchange);
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.defaultCodecs().maxInMemorySize(properties.maxBodyBytes());
    }
}
