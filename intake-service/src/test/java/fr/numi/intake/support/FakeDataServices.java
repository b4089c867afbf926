package fr.numi.intake.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A local HTTP server in the role of triage-, ticket-, urgency- and feedback-service's export endpoint
 * ({@code GET /<service>/api/v1/privacy/customers/{id}/data}): it answers each service's part as the test scripts it per
 * customer id (an empty part otherwise), or a status, and records the {@code Authorization} each call carried. The
 * real services' endpoints are tested in their own modules and on the whole stack (deploy's ErasureJourneyIT).
 * ticket-service is given a first URL where nothing listens, as a dead instance: intake must try the next.
 */
public final class FakeDataServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final List<String> SERVICES = List.of("triage-service", "ticket-service", "urgency-service", "feedback-service");

    /** One call as received. */
    public record Call(String service, String customerId, String authorization) {}

    private static final Map<String, String> BODIES = new ConcurrentHashMap<>();
    private static final Map<String, Integer> STATUSES = new ConcurrentHashMap<>();
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    private static synchronized int port() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", FakeDataServices::handle);
            server.start();
        }
        return server.getAddress().getPort();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String base = "http://127.0.0.1:" + port() + "/";
        TestPropertyValues.of(
                        "numi.intake.privacy.export.timeout=3s",
                        "numi.intake.privacy.export.from.triage-service=" + base + "triage-service",
                        "numi.intake.privacy.export.from.ticket-service=http://127.0.0.1:1," + base + "ticket-service",
                        "numi.intake.privacy.export.from.urgency-service=" + base + "urgency-service",
                        "numi.intake.privacy.export.from.feedback-service=" + base + "feedback-service")
                .applyTo(context);
    }

    /** {@code service}'s part for this customer: these collections (a JSON object's members, e.g. {@code "tickets":[...]}). */
    public static void part(String service, String customerId, String collectionsJson) {
        BODIES.put(service + "/" + customerId, collectionsJson);
    }

    /** {@code service} answers this status (e.g. 503) to every call for this customer. */
    public static void failing(String service, String customerId, int status) {
        STATUSES.put(service + "/" + customerId, status);
    }

    public static List<Call> calls(String customerId) {
        return CALLS.stream().filter(c -> c.customerId().equals(customerId)).toList();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        // /<service>/api/v1/privacy/customers/<id>/data
        String[] path = exchange.getRequestURI().getPath().split("/");
        String service = path[1];
        String customerId = path.length > 6 ? path[6] : "";
        CALLS.add(new Call(service, customerId, exchange.getRequestHeaders().getFirst("Authorization")));
        Integer status = STATUSES.get(service + "/" + customerId);
        boolean known = path.length == 8 && "data".equals(path[7]) && SERVICES.contains(service);
        byte[] body = (status != null || !known ? "{}"
                : "{\"service\":\"" + service + "\",\"customerId\":\"" + customerId + "\",\"collections\":{"
                        + BODIES.getOrDefault(service + "/" + customerId, "") + "}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status != null ? status : known ? 200 : 404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
