package fr.numi.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Probes that tell the truth, on the local run's processes (the infrastructure in its own JVM, as numi-local.sh runs
 * it), probed as Kubernetes does on the main port ({@code /readyz}, {@code /livez}): when the broker and the database
 * go, every service's readiness turns DOWN, naming them, while liveness stays
 * UP (nothing to restart); when they come back, readiness is UP again. Prints how long each service took.
 */
@Order(2) // own infrastructure, before the shared stack (junit-platform.properties)
class ReadinessIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Path.of("..").toAbsolutePath().normalize(), (service, s) -> Map.of(), Map.of(), LocalStack.Infra.OWN_PROCESS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldTurnEveryServiceUnreadyWhileTheBrokerAndTheDatabaseAreDownAndReadyAgainAfter() throws Exception {
        // given: every service ready, naming its broker and its database
        for (String service : LocalStack.SERVICES) {
            HttpResponse<String> ready = probe(service, "readiness");
            assertThat(ready.statusCode()).as(service).isEqualTo(200);
            assertThat(ready.body()).as(service).contains("\"broker\"", "\"database\"");
        }

        // when: the infrastructure's process is killed
        Map<String, Long> down = new LinkedHashMap<>();
        stack.crashInfraAndRestart(() -> {
            long killed = System.nanoTime();
            await("every readiness DOWN").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                for (String service : LocalStack.SERVICES) {
                    if (!down.containsKey(service) && probe(service, "readiness").statusCode() == 503) {
                        down.put(service, (System.nanoTime() - killed) / 1_000_000);
                    }
                }
                return down.size() == LocalStack.SERVICES.size();
            });
            // then: unready, naming what is missing, and still alive
            for (String service : LocalStack.SERVICES) {
                HttpResponse<String> unready = uncheckedProbe(service, "readiness");
                assertThat(unready.statusCode()).as(service).isEqualTo(503);
                assertThat(unready.body()).as(service).contains("\"broker\":{\"status\":\"DOWN\"");
                assertThat(uncheckedProbe(service, "liveness").statusCode()).as(service + " liveness").isEqualTo(200);
            }
        });

        // and: ready again once it is back
        long restarted = System.nanoTime();
        Map<String, Long> up = new LinkedHashMap<>();
        await("every readiness UP").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (String service : LocalStack.SERVICES) {
                if (!up.containsKey(service) && probe(service, "readiness").statusCode() == 200) {
                    up.put(service, (System.nanoTime() - restarted) / 1_000_000);
                }
            }
            return up.size() == LocalStack.SERVICES.size();
        });
        System.out.println("readiness DOWN after the infrastructure was killed (ms): " + down);
        System.out.println("readiness UP after it was ready again (ms): " + up);
    }

    static HttpResponse<String> probe(String service, String group) throws IOException, InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(service) + ("readiness".equals(group) ? "/readyz" : "/livez")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(service + " did not answer its " + group + " probe within 10 s", e);
        }
    }

    static HttpResponse<String> uncheckedProbe(String service, String group) {
        try {
            return probe(service, group);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
