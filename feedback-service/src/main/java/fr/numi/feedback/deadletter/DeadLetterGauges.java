package fr.numi.feedback.deadletter;

import fr.numi.feedback.config.FeedbackProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code numi_kafka_dead_letter_records{topic}}: how many records each dead-letter topic of the
 * cluster holds (end offset minus start offset, summed over partitions), for every topic matching
 * {@code numi.feedback.dead-letter-topics}: every service's, not only feedback's. An alert on its
 * growth tells that some consumer is refusing records.
 */
@Component
class DeadLetterGauges {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterGauges.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Pattern topics;
    private final MultiGauge gauge;

    DeadLetterGauges(KafkaAdmin kafkaAdmin, FeedbackProperties properties, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.putIfAbsent("request.timeout.ms", 5000);
        config.putIfAbsent("default.api.timeout.ms", 10000);
        this.admin = Admin.create(config);
        this.topics = Pattern.compile(properties.deadLetterTopics());
        this.gauge = MultiGauge.builder("numi.kafka.dead.letter.records")
                .description("Records held by each dead-letter topic (end minus start offset)")
                .register(meters);
    }

    @Scheduled(initialDelayString = "${numi.feedback.gauges-refresh:15s}", fixedDelayString = "${numi.feedback.gauges-refresh:15s}")
    void refresh() {
        try {
            gauge.register(measure().entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey()), e.getValue()))
                    .toList(), true);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("dead-letter gauges not refreshed: {}", e.toString());
        }
    }

    /** Records per dead-letter topic. */
    Map<String, Long> measure() throws Exception {
        List<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .filter(name -> topics.matcher(name).matches())
                .sorted()
                .toList();
        Map<String, Long> records = new HashMap<>();
        if (names.isEmpty()) {
            return records;
        }
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = offsets(partitions, OffsetSpec.latest());
        names.forEach(name -> records.put(name, 0L));
        for (TopicPartition p : partitions) {
            records.merge(p.topic(), Math.max(0, latest.get(p).offset() - earliest.get(p).offset()), Long::sum);
        }
        return records;
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
