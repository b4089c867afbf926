package fr.numi.urgency.support;

import java.time.Duration;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Reads one sample from the service's own {@code /actuator/prometheus}, over real HTTP. */
public final class Prometheus {

    private final WebTestClient http;

    public Prometheus(int port) {
        // Bounded timeout: reactor-netty #4361 can stall a keep-alive connection after an error response.
        this.http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                // Every binding adds Kafka client meters: the scrape outgrows the default 256 KiB buffer.
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    /** The value of the sample with this name and these labels (others may be present), 0 when absent. */
    public double value(String name, Map<String, String> labels) {
        String body = http.get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return body.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.entrySet().stream().allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
