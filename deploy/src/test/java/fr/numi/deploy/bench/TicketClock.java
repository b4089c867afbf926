package fr.numi.deploy.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each ticket's records became readable, as an agent's desk tool or the tracking page would see them: one
 * consumer, on its own thread, reads the level queues, urgency-service's notification requests and
 * ticket-service's lifecycle from their beginning, and keeps per ticket the first moment ({@link System#nanoTime()}
 * of this JVM) each {@link Mark} was seen. The one place the benchmarks read those topics.
 */
final class TicketClock implements AutoCloseable {

    /** What a record says happened to a ticket. */
    enum Mark {
        /** Its first record on any of the level queues: an agent's desk shows it. */
        QUEUED,
        /** Its first record on the level-3 queue. */
        QUEUED_LEVEL_3,
        /** urgency-service asked intake to deliver the first instructions of a cyber emergency. */
        INSTRUCTIONS_REQUESTED,
        /** ticket-service marked it a cyber urgency: its tracking page shows the first instructions. */
        INSTRUCTIONS_ON_TRACKING_PAGE
    }

    static final String LEVEL_3 = "ticket.queue-level-3.v1";
    static final List<String> QUEUES = List.of("ticket.queue-level-1.v1", "ticket.queue-level-2.v1", LEVEL_3);
    static final String URGENCY_NOTIFICATIONS = "urgency.notification-requested.v1";
    static final String LIFECYCLE = "ticket.lifecycle.v1";
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final Map<Mark, Map<String, Long>> seen = new EnumMap<>(Mark.class);
    /** Per ticket, the distinct events ({@code ce_id}) the level queues carried: one, unless it was queued again. */
    private final Map<String, Set<String>> queueEvents = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** A clock reading from {@code consumer} once started ({@link #start}); without one, fed by {@link #record} only. */
    TicketClock(KafkaConsumer<String, byte[]> consumer) {
        for (Mark mark : Mark.values()) {
            seen.put(mark, new ConcurrentHashMap<>());
        }
        this.consumer = consumer;
        this.thread = new Thread(this::run, "ticket-clock");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition of the topics (waiting for them to exist), from the beginning, and starts reading. */
    static TicketClock start(String bootstrap) throws InterruptedException {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "numi-benchmark-clock");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> topics = new ArrayList<>(QUEUES);
            topics.add(URGENCY_NOTIFICATIONS);
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
        TicketClock clock = new TicketClock(consumer);
        clock.thread.start();
        return clock;
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (true) {
            // The consumer may create a topic nobody has written yet, with the broker's partition count.
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (!infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " has no partitions after " + TOPIC_WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String ticket = record.key() != null ? record.key() : header(record, "ce_subject");
                    record(record.topic(), ticket, header(record, "ce_id"), header(record, "ce_type"), record.value(), System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Notes what one record of a ticket marks, seen at {@code now}. */
    void record(String topic, String ticket, String ceId, String ceType, byte[] value, long now) {
        if (ticket == null) {
            return;
        }
        for (Mark mark : marks(topic, ceType, value)) {
            seen.get(mark).putIfAbsent(ticket, now);
        }
        if (QUEUES.contains(topic) && ceId != null) {
            queueEvents.computeIfAbsent(ticket, t -> ConcurrentHashMap.newKeySet()).add(ceId);
        }
    }

    /** How many distinct events the level queues carried for the ticket (a record published twice counts once). */
    int queueEvents(String ticketId) {
        Set<String> events = queueEvents.get(ticketId);
        return events == null ? 0 : events.size();
    }

    /** What one record marks, from its topic, its {@code ce_type} and (urgency's notifications only) its body. */
    static Set<Mark> marks(String topic, String ceType, byte[] value) {
        if (QUEUES.contains(topic)) {
            return topic.equals(LEVEL_3) ? EnumSet.of(Mark.QUEUED, Mark.QUEUED_LEVEL_3) : EnumSet.of(Mark.QUEUED);
        }
        if (topic.equals(URGENCY_NOTIFICATIONS) && value != null
                && new String(value, StandardCharsets.UTF_8).contains("\"CYBER_INSTRUCTIONS\"")) {
            return EnumSet.of(Mark.INSTRUCTIONS_REQUESTED);
        }
        if (topic.equals(LIFECYCLE) && ceType != null && ceType.contains("ticket-cyber-urgency-marked")) {
            return EnumSet.of(Mark.INSTRUCTIONS_ON_TRACKING_PAGE);
        }
        return EnumSet.noneOf(Mark.class);
    }

    /** When the mark was first seen for the ticket ({@link System#nanoTime()}), or {@code null}. */
    Long seen(String ticketId, Mark mark) {
        return seen.get(mark).get(ticketId);
    }

    /** Whether every one of the tickets has the mark. */
    boolean allSeen(Collection<String> ticketIds, Mark mark) {
        Map<String, Long> times = seen.get(mark);
        return ticketIds.stream().allMatch(times::containsKey);
    }

    /** How many tickets got the mark in [from, to) ({@link System#nanoTime()}). */
    int count(Mark mark, long fromNanos, long toNanos) {
        return (int) seen.get(mark).values().stream().filter(t -> t >= fromNanos && t < toNanos).count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
