package fr.numi.intake.backlog.messaging;

import fr.numi.intake.backlog.application.PipelineBacklog;
import fr.numi.intake.config.BacklogProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Reads the lag of {@code numi.intake.backlog.groups} on the request topic from the broker every
 * {@code numi.intake.backlog.poll-every}: end offset minus the group's committed offset, summed over partitions (a
 * partition the group has never committed counts from its first record). The backlog is the furthest-behind group's.
 * Exported as {@code numi_intake_pipeline_backlog_records} (NaN while unknown). With the guard off nothing is read.
 */
@Component
class KafkaPipelineBacklog implements PipelineBacklog {

    private static final Logger log = LoggerFactory.getLogger(KafkaPipelineBacklog.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final BacklogProperties properties;
    private final KafkaAdmin kafkaAdmin;
    private volatile Admin admin;
    private volatile long records = -1;
    private ScheduledExecutorService poller;

    KafkaPipelineBacklog(BacklogProperties properties, KafkaAdmin kafkaAdmin, MeterRegistry meters) {
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
        Gauge.builder("numi.intake.pipeline.backlog.records", this, b -> b.records < 0 ? Double.NaN : b.records)
                .description("Requests not yet consumed by the furthest-behind group that turns them into tickets (NaN: unknown or guard off)")
                .register(meters);
    }

    @Override
    public OptionalLong records() {
        long value = records;
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean overloaded() {
        long value = records;
        return properties.enabled() && value >= properties.limit();
    }

    /** Reads on a thread of its own: a slow broker never holds up intake's other schedules. */
    @PostConstruct
    void start() {
        if (properties.enabled()) {
            poller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "intake-backlog");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::refresh, 0, properties.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void refresh() {
        try {
            records = measure();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Unknown, not "overloaded": with the broker away requests get their own 503 anyway.
            records = -1;
            log.warn("pipeline backlog not read: {}", e.toString());
        }
    }

    long measure() throws Exception {
        Admin client = admin();
        List<TopicPartition> partitions = client.describeTopics(List.of(properties.topic())).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(properties.topic()).partitions().stream()
                .map(p -> new TopicPartition(properties.topic(), p.partition()))
                .toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = offsets(client, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = offsets(client, partitions, OffsetSpec.latest());
        long furthest = 0;
        for (String group : properties.groups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long behind = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset == null ? earliest.get(partition).offset() : Math.max(offset.offset(), earliest.get(partition).offset());
                behind += Math.max(0, latest.get(partition).offset() - from);
            }
            furthest = Math.max(furthest, behind);
        }
        return furthest;
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.putIfAbsent("request.timeout.ms", 5000);
            config.putIfAbsent("default.api.timeout.ms", 10000);
            config.put("client.id", "intake-backlog");
            client = Admin.create(config);
            admin = client;
        }
        return client;
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Admin client, List<TopicPartition> partitions,
            OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return client.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        Admin client = admin;
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
    }
}
