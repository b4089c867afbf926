package fr.numi.deploy.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Red button → ticket on the level-3 queue, and → first instructions handed to delivery, on the
 * local stack (packaged jars, real broker, Mongo-wire server), at rest and under 50 ordinary
 * requests per second. A benchmark, not a test: run it by hand after {@code ./mvnw -DskipTests package}:
 *
 * <pre>
 * ./mvnw -B -q -o -pl deploy test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp deploy/target/test-classes:deploy/target/classes:$(cat deploy/target/cp.txt) fr.numi.deploy.stack.RedButtonBenchmark
 * </pre>
 *
 * It prints p50 / p99 / max in milliseconds for each phase, measured from the moment the HTTP request
 * is sent to the moment the record is readable on the topic.
 */
public final class RedButtonBenchmark {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"(NUMI-[^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> queuedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> instructedAt = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        // intake limits keyless callers (20 requests/min each): a benchmark from one address measures numi, not the limit.
        try (LocalStack stack = LocalStack.start(root, (service, s) ->
                "intake-service".equals(service) ? Map.of("NUMI_INTAKE_RATE_LIMIT_ENABLED", "false") : Map.of())) {
            new RedButtonBenchmark().run(stack);
        }
    }

    void run(LocalStack stack) throws Exception {
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread listener = new Thread(() -> listen(stack.kafkaBootstrap(), listening), "bench-listener");
        listener.start();
        String intake = stack.url("intake-service") + "/api/v1/requests";

        System.out.println("warm-up: 60 red buttons and 600 ordinary requests");
        List<String> warm = redButtons(intake, 60, 200);
        ordinary(intake, 600, 20);
        awaitAll(warm);

        List<String> atRest = redButtons(intake, 150, 200);
        awaitAll(atRest);
        report("at rest", atRest);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger ordinarySent = new AtomicInteger();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(() -> {
            if (loading.get()) {
                post(intake, ordinaryBody());
                ordinarySent.incrementAndGet();
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(5_000);
        List<String> underLoad = redButtons(intake, 150, 200);
        awaitAll(underLoad);
        loading.set(false);
        load.shutdownNow();
        report("under 50 ordinary requests/s (" + ordinarySent.get() + " sent)", underLoad);

        listening.set(false);
        listener.join();
    }

    private List<String> redButtons(String intake, int count, long everyMillis) throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HTTP.sendAsync(HttpRequest.newBuilder(URI.create(intake)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"bench-" + UUID.randomUUID()
                                    + "@example.org\"},\"redButton\":true,\"description\":\"On me demande de payer, aidez-moi.\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        Matcher m = TICKET_ID.matcher(response.body());
                        if (response.statusCode() == 202 && m.find()) {
                            sentAt.put(m.group(1), start);
                            ids.add(m.group(1));
                        }
                    });
            Thread.sleep(everyMillis);
        }
        return ids;
    }

    private void ordinary(String intake, int count, long everyMillis) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            post(intake, ordinaryBody());
            Thread.sleep(everyMillis);
        }
    }

    private static String ordinaryBody() {
        return "{\"contact\":{\"kind\":\"EMAIL\",\"value\":\"user-" + UUID.randomUUID()
                + "@example.org\"},\"description\":\"Mon imprimante ne veut plus imprimer depuis hier.\"}";
    }

    private static void post(String url, String body) {
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private void awaitAll(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> copy;
            synchronized (ids) {
                copy = new ArrayList<>(ids);
            }
            if (copy.stream().allMatch(id -> queuedAt.containsKey(id) && instructedAt.containsKey(id))) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private void report(String phase, List<String> ids) {
        List<Long> toQueue = new ArrayList<>();
        List<Long> toInstructions = new ArrayList<>();
        synchronized (ids) {
            for (String id : ids) {
                long start = sentAt.get(id);
                if (queuedAt.containsKey(id)) {
                    toQueue.add(TimeUnit.NANOSECONDS.toMillis(queuedAt.get(id) - start));
                }
                if (instructedAt.containsKey(id)) {
                    toInstructions.add(TimeUnit.NANOSECONDS.toMillis(instructedAt.get(id) - start));
                }
            }
        }
        System.out.printf("%s: %d red buttons%n", phase, ids.size());
        System.out.printf("  -> ticket on ticket.queue-level-3.v1     %s%n", stats(toQueue, ids.size()));
        System.out.printf("  -> instructions handed to delivery       %s%n", stats(toInstructions, ids.size()));
    }

    private static String stats(List<Long> millis, int expected) {
        if (millis.isEmpty()) {
            return "none arrived";
        }
        Collections.sort(millis);
        return String.format("p50 %d ms  p99 %d ms  max %d ms  (%d/%d arrived)", millis.get((int) (millis.size() * 0.50)),
                millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1)), millis.get(millis.size() - 1),
                millis.size(), expected);
    }

    private void listen(String brokers, AtomicBoolean listening) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("ticket.queue-level-3.v1", "urgency.notification-requested.v1")) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (consumer.partitionsFor(topic).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (listening.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String ticket = header(record, "ce_subject");
                    if (ticket == null) {
                        continue;
                    }
                    if (record.topic().startsWith("ticket.queue")) {
                        queuedAt.putIfAbsent(ticket, now);
                    } else if (new String(record.value(), StandardCharsets.UTF_8).contains("CYBER_INSTRUCTIONS")) {
                        instructedAt.putIfAbsent(ticket, now);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
