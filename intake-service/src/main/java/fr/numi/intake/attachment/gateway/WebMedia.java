package fr.numi.intake.attachment.gateway;

import fr.numi.intake.attachment.application.MediaSource.MediaException;
import fr.numi.intake.attachment.application.MediaSource.MediaException.Kind;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** How the media gateways read HTTP: bounded bodies, and failures sorted into retry, too large or gone. */
final class WebMedia {

    private WebMedia() {}

    static WebClient client(long maxBytes) {
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes + 1);
        return WebClient.builder()
                .exchangeStrategies(ExchangeStrategies.builder().codecs(c -> c.defaultCodecs().maxInMemorySize(limit)).build())
                .build();
    }

    /** 404 and other 4xx: gone for good; 401/403 (credentials), 408, 429, 5xx, I/O, time-outs: try again later. */
    static MediaException classify(String source, Throwable e) {
        if (e instanceof MediaException m) {
            return m;
        }
        if (e instanceof DataBufferLimitException) {
            return new MediaException(Kind.TOO_LARGE, source + ": over the size limit");
        }
        if (e instanceof WebClientResponseException r) {
            HttpStatusCode status = r.getStatusCode();
            int code = status.value();
            boolean retry = status.is5xxServerError() || code == 401 || code == 403 || code == 408 || code == 429;
            return new MediaException(retry ? Kind.TRANSIENT : Kind.GONE, source + " answered " + code);
        }
        if (e instanceof WebClientRequestException || e instanceof IOException || e instanceof TimeoutException) {
            return new MediaException(Kind.TRANSIENT, source + " unreachable (" + e.getClass().getSimpleName() + ")");
        }
        return new MediaException(Kind.TRANSIENT, source + ": " + e.getClass().getSimpleName());
    }
}
