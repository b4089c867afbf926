package fr.numi.deploy.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the agents' desk tools and feedback-service see, read from the outside with a plain consumer of its own (no
 * group, every partition from the beginning, through every broker crash): when each ticket first reached a level
 * queue, and the lifecycle events of each ticket in the order its partition holds them.
 */
final class TopicWatch implements AutoCloseable {

    static final List<String> QUEUES = List.of("ticket.queue-level-1.v1", "ticket.queue-level-2.v1", "ticket.queue-level-3.v1");
    static final String LIFECYCLE = "ticket.lifecycle.v1";
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A lifecycle event that came after one of a higher version of the same ticket. */
    record OutOfOrder(String ticketId, String eventId, long version, long after) {}

    private final Map<String, Long> queued = new ConcurrentHashMap<>();
    private final Map<String, Long> highestVersion = new ConcurrentHashMap<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final List<OutOfOrder> outOfOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger lifecycleEvents = new AtomicInteger();
    private final AtomicInteger republished = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private TopicWatch(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "fault-topic-watch");
        this.thread.setDaemon(true);
    }

    static TopicWatch start(String bootstrap) throws InterruptedException {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "numi-fault-suite-watch");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> topics = new ArrayList<>(QUEUES);
            topics.add(LIFECYCLE);
            for (String topic : topics) {
                partitions.addAll(partitionsOf(consumer, topic));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException | InterruptedException e) {
            consumer.close();
            throw e;
        }
        TopicWatch watch = new TopicWatch(consumer);
        watch.thread.start();
        return watch;
    }

    static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (!infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " has no partitions after " + TOPIC_WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    if (QUEUES.contains(record.topic())) {
                        if (record.key() != null) {
                            queued.putIfAbsent(record.key(), now);
                        }
                    } else {
                        lifecycle(record);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void lifecycle(ConsumerRecord<String, byte[]> record) {
        JsonNode event;
        try {
            event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            return;
        }
        String ticketId = event.path("ticketId").asString(null);
        String eventId = event.path("eventId").asString(null);
        if (ticketId == null || eventId == null || !event.path("version").isNumber()) {
            unreadable.incrementAndGet();
            return;
        }
        lifecycleEvents.incrementAndGet();
        long version = event.path("version").asLong();
        if (!eventIds.add(eventId)) {
            republished.incrementAndGet();
            return;
        }
        Long before = highestVersion.get(ticketId);
        if (before != null && version < before) {
            outOfOrder.add(new OutOfOrder(ticketId, eventId, version, before));
        } else {
            highestVersion.put(ticketId, version);
        }
    }

    /** When the ticket first reached a level queue ({@link System#nanoTime()}), or null. */
    Long queued(String ticketId) {
        return queued.get(ticketId);
    }

    /** The first moment at or after {@code fromNanos} a ticket reached a level queue for the first time, or null. */
    Long firstQueuedFrom(long fromNanos) {
        return queued.values().stream().filter(t -> t >= fromNanos).min(Long::compare).orElse(null);
    }

    int queuedTickets() {
        return queued.size();
    }

    int lifecycleEvents() {
        return lifecycleEvents.get();
    }

    int ticketsWithLifecycle() {
        return highestVersion.size();
    }

    /** Records of an event already read (same {@code eventId}): published again, at least once, harmless to idempotent readers. */
    int republished() {
        return republished.get();
    }

    int unreadable() {
        return unreadable.get();
    }

    List<OutOfOrder> outOfOrder() {
        return List.copyOf(outOfOrder);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
