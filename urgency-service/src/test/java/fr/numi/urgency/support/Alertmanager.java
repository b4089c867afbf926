package fr.numi.urgency.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A local HTTP server in the role of Alertmanager ({@code POST /api/v2/alerts}), one per JVM: it keeps
 * every request it receives, and answers 500 to alerts about the tickets a test told it to refuse.
 */
public final class Alertmanager implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** One request as received. */
    public record Received(String method, String path, String contentType, String body) {}

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    private static String url;

    public static synchronized String url() {
        if (url == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body));
                    boolean refuse = REFUSED.stream().anyMatch(body::contains);
                    exchange.sendResponseHeaders(refuse ? 500 : 200, -1);
                    exchange.close();
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "alertmanager-stub-stop"));
                url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/alerts";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return url;
    }

    /** Requests whose body mentions this text (a ticket id). */
    public static List<Received> about(String text) {
        return RECEIVED.stream().filter(r -> r.body().contains(text)).toList();
    }

    /** From now on, answer 500 to alerts that mention this text. */
    public static void refuse(String text) {
        REFUSED.add(text);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("numi.urgency.paging.webhook-url=" + url()).applyTo(context);
    }
}
