package fr.numi.urgency.bench;

import fr.numi.contracts.testing.Records;
import fr.numi.contracts.Contracts;
import fr.numi.urgency.UrgencyServiceApplication;
import fr.numi.urgency.support.Alertmanager;
import fr.numi.urgency.support.MongoWireServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How fast the red button works: from the moment intake's red-button record is written to
 * (a) {@code urgency.cyber-urgency-declared.v1} readable by ticket-service and (b) the first
 * instructions readable by intake on {@code urgency.notification-requested.v1}. Measured on the
 * embedded KRaft broker and the in-memory Mongo-wire server, with the whole service and a local
 * webhook in the role of Alertmanager; first at rest, then under 50 ordinary requests/s (each with its
 * triage decision). Prints p50/p99/max; the target is p99 under 1 s. Not a test: run by hand.
 *
 * <pre>
 * ./mvnw -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test -pl urgency-service
 * java -cp urgency-service/target/test-classes:urgency-service/target/classes:$(cat urgency-service/target/bench.cp) \
 *      fr.numi.urgency.bench.RedButtonLatencyBenchmark [warm-up presses] [measured presses per phase]
 * </pre>
 */
public final class RedButtonLatencyBenchmark {

    static final String RECEIVED = "intake.request-received.v1";
    static final String TRIAGED = "triage.request-triaged.v1";
    static final String DECLARED = "urgency.cyber-urgency-declared.v1";
    static final String NOTIFICATIONS = "urgency.notification-requested.v1";

    final JsonMapper json = JsonMapper.builder().build();
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final Map<String, Long> declaredAt = new ConcurrentHashMap<>();
    final Map<String, Long> instructedAt = new ConcurrentHashMap<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    final String brokers;
    final KafkaProducer<String, byte[]> producer;

    RedButtonLatencyBenchmark(String brokers) {
        this.brokers = brokers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, RECEIVED, TRIAGED, DECLARED, NOTIFICATIONS,
                RECEIVED + ".urgency-service.dlq", TRIAGED + ".urgency-service.dlq");
        broker.afterPropertiesSet();
        String brokers = broker.getBrokersAsString();
        // Command-line arguments: they win over application.yml (builder "properties" would not).
        ConfigurableApplicationContext app = new SpringApplicationBuilder(UrgencyServiceApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--numi.security.jwt.hmac-secret=" + fr.numi.contracts.testing.TestTokens.SECRET,
                "--" + fr.numi.contracts.testing.TestKeys.MASTER_KEY_PROPERTY,
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + MongoWireServer.connectionString(),
                "--numi.urgency.paging.webhook-url=" + Alertmanager.url(),
                "--logging.level.root=WARN",
                "--logging.level.fr.numi=ERROR");
        RedButtonLatencyBenchmark bench = new RedButtonLatencyBenchmark(brokers);
        Thread reader = new Thread(bench::read, "bench-reader");
        reader.start();
        try {
            System.out.printf("warm-up: %d red buttons at 20/s%n", warmUp);
            bench.presses(warmUp, 20);
            bench.report("at rest", bench.presses(measured, 10));
            ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
            traffic.scheduleAtFixedRate(bench::ordinaryRequest, 0, 20, TimeUnit.MILLISECONDS);
            bench.report("under 50 ordinary requests/s (+ their triage)", bench.presses(measured, 10));
            traffic.shutdownNow();
        } finally {
            bench.running.set(false);
            reader.join();
            bench.producer.close();
            app.close();
            broker.destroy();
        }
        System.exit(0);
    }

    /** Presses the red button {@code count} times at {@code perSecond}; answers the tickets pressed. */
    List<String> presses(int count, int perSecond) throws InterruptedException {
        List<String> tickets = new ArrayList<>();
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            next += period;
            tickets.add(request(true));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !tickets.stream().allMatch(t -> declaredAt.containsKey(t) && instructedAt.containsKey(t))) {
            Thread.sleep(50); // a benchmark, not a test: waiting for the stragglers
        }
        return tickets;
    }

    void ordinaryRequest() {
        String ticket = request(false);
        ObjectNode triage = (ObjectNode) json.readTree(Contracts.example(TRIAGED));
        triage.put("ticketId", ticket);
        triage.put("requestId", "bench-" + ticket);
        send(TRIAGED, "triage-" + ticket, triage, ticket);
    }

    String request(boolean redButton) {
        String ticket = Records.newTicketId();
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(RECEIVED));
        byte[] raw = new byte[16];
        ThreadLocalRandom.current().nextBytes(raw);
        event.put("requestId", "bench-" + UUID.randomUUID());
        event.put("ticketId", ticket);
        event.put("customerId", "cus_" + HexFormat.of().formatHex(raw));
        event.put("redButton", redButton);
        if (redButton) {
            event.put("text", "Un faux technicien a pris le contrôle de mon ordinateur avec AnyDesk.");
            sentAt.put(ticket, System.nanoTime());
        }
        send(RECEIVED, event.get("requestId").asString(), event, ticket);
        return ticket;
    }

    void send(String topic, String id, ObjectNode body, String ticket) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, ticket, json.writeValueAsBytes(body));
        Records.cloudEvent(id, "/numi/bench", "fr.numi.bench", ticket)
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    void read() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5))) {
            List<TopicPartition> partitions = List.of(new TopicPartition(DECLARED, 0), new TopicPartition(NOTIFICATIONS, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (record.topic().equals(DECLARED)) {
                        declaredAt.putIfAbsent(record.key(), now);
                    } else if ("CYBER_INSTRUCTIONS".equals(json.readTree(record.value()).get("kind").asString())) {
                        instructedAt.putIfAbsent(record.key(), now);
                    }
                }
            }
        }
    }

    void report(String phase, List<String> tickets) {
        System.out.printf("%n%s, %d red buttons (%s)%n", phase, tickets.size(), Instant.now());
        try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            System.out.printf("  records so far: %s%n", probe.endOffsets(List.of(new TopicPartition(RECEIVED, 0),
                    new TopicPartition(TRIAGED, 0), new TopicPartition(DECLARED, 0), new TopicPartition(NOTIFICATIONS, 0))));
        }
        print("red button -> urgency.cyber-urgency-declared.v1", tickets, declaredAt);
        print("red button -> first instructions handed to delivery", tickets, instructedAt);
    }

    void print(String what, List<String> tickets, Map<String, Long> arrivals) {
        List<Double> millis = new ArrayList<>();
        int missing = 0;
        for (String ticket : tickets) {
            Long arrived = arrivals.get(ticket);
            if (arrived == null) {
                missing++;
            } else {
                millis.add((arrived - sentAt.get(ticket)) / 1_000_000.0);
            }
        }
        Collections.sort(millis);
        System.out.printf("  %-55s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   missing %d%n", what, pct(millis, 0.50), pct(millis, 0.99),
                millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1), missing);
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
