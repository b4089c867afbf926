package fr.numi.intake.bench;

import fr.numi.intake.IntakeServiceApplication;
import fr.numi.intake.support.MongoWireServer;
import fr.numi.intake.whatsapp.domain.HubSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Not a test (no {@code *Test}/{@code *IT} suffix, not run by verify): the WhatsApp webhook's answer
 * latency and throughput on the embedded KRaft broker and Mongo-wire server. Every POST is signed,
 * new (de-duplication store written) and answered only after the broker's ack.
 * Run: {@code ../mvnw -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=fr.numi.intake.bench.WebhookBenchmark}
 * or from an IDE. Arguments: [requests] [concurrency].
 */
public final class WebhookBenchmark {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, "intake.request-received.v1");
        broker.afterPropertiesSet();
        String secret = "bench-app-secret";
        ConfigurableApplicationContext app = new SpringApplication(IntakeServiceApplication.class).run(
                "--server.port=18080",
                "--management.server.port=0",
                "--numi.security.jwt.hmac-secret=" + fr.numi.contracts.testing.TestTokens.SECRET,
                "--" + fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.mongodb.uri=" + MongoWireServer.connectionString(),
                "--numi.intake.customer-id-secret=bench-secret-0123456789abcdef",
                "--numi.intake.whatsapp.app-secret=" + secret,
                // One client from one address: the per-caller webhook limit would measure itself, not the service.
                "--numi.intake.rate-limit.enabled=false",
                // This broker only has the request topic: no delivery consumers here.
                "--spring.cloud.function.definition=",
                "--logging.level.root=WARN");
        try {
            HttpClient http = HttpClient.newBuilder().build();
            URI uri = URI.create("http://127.0.0.1:18080/api/v1/whatsapp/webhook");
            run(http, uri, secret, Math.min(5_000, requests), concurrency); // warm-up
            long start = System.nanoTime();
            List<Long> latencies = run(http, uri, secret, requests, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;
            Collections.sort(latencies);
            System.out.printf("webhook POST, %d requests, %d in flight: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    requests, concurrency, requests / seconds, latencies.get(latencies.size() / 2) / 1e6,
                    latencies.get((int) (latencies.size() * 0.99)) / 1e6, latencies.get(latencies.size() - 1) / 1e6);
        } finally {
            app.close();
            broker.destroy();
        }
        System.exit(0);
    }

    private static List<Long> run(HttpClient http, URI uri, String secret, int requests, int concurrency) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"changes\":[{\"field\":\"messages\",\"value\":"
                    + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\",\"phone_number_id\":\"P\"},"
                    + "\"contacts\":[{\"profile\":{\"name\":\"B\"},\"wa_id\":\"3361234" + String.format("%04d", i % 10_000) + "\"}],"
                    + "\"messages\":[{\"from\":\"3361234" + String.format("%04d", i % 10_000) + "\",\"id\":\"wamid." + UUID.randomUUID()
                    + "\",\"timestamp\":\"1764150000\",\"type\":\"text\",\"text\":{\"body\":\"Bonjour, mon ordinateur est lent\"}}]}}]}]}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", HubSignature.sign(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            inFlight.acquire();
            long sent = System.nanoTime();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies.add(System.nanoTime() - sent);
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        if (failures.get() > 0) {
            System.out.println("failures: " + failures.get());
        }
        return new ArrayList<>(latencies);
    }
}
