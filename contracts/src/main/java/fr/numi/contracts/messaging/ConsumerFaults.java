package fr.numi.contracts.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Every service's consumers tell a bad record from an unavailable dependency the same way, from numi-defaults.yml's
 * {@code numi.consumer.*} ({@link RetryOrDeadLetter}, docs/adr/0006). The Kafka binder picks the one
 * {@link ListenerContainerWithDlqAndRetryCustomizer} bean up for every input binding.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ListenerContainerWithDlqAndRetryCustomizer.class, KafkaProperties.class, MeterRegistry.class})
@EnableConfigurationProperties(ConsumerFaultProperties.class)
public class ConsumerFaults {

    @Bean
    RetryOrDeadLetter numiConsumerFaults(ConsumerFaultProperties properties, KafkaProperties kafka, ObjectProvider<MeterRegistry> meters,
            @Value("${spring.application.name:numi}") String application) {
        return new RetryOrDeadLetter(properties, deadLetterTemplate(kafka, application), meters.getIfUnique());
    }

    /**
     * Dead letters are written as they were read: the raw key and value (bytes, or a String key where a binding reads
     * keys as text), with the producer settings of {@code spring.kafka.producer} (acks=all, idempotence, timeouts).
     */
    static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka, String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dead-letters");
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config, new RawSerializer(), new RawSerializer());
        return new KafkaTemplate<>(factory);
    }

    /** Bytes as they are; text as UTF-8. */
    static final class RawSerializer implements Serializer<Object> {

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data == null || data instanceof byte[]) {
                return (byte[]) data;
            }
            return data.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
