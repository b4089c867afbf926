package fr.numi.contracts.tracing;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Names the Kafka cluster in the producers' spans without asking the broker. With observation on (numi-defaults.yml),
 * spring-kafka's KafkaTemplate builds each send's span with the cluster id, which it asks {@link KafkaAdmin#clusterId()}
 * for until it has one: a new admin client, a describe-cluster, a close that waits for the request to time out (a
 * minute by default), all under the template's lock and on the sender's thread. While the broker is away, every send
 * would queue there, holding the thread (intake's sends run on Reactor's shared bounded-elastic threads, which then
 * stall other work; found by intake's BrokerDownIT followed by CtiIT). A cluster id set beforehand is used as it is,
 * so the spans say "Apache Kafka: numi" and a send with the broker away fails on the producer's own bounded timeouts.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
public class KafkaClusterName {

    static final String CLUSTER_NAME = "numi";

    @Bean
    static BeanPostProcessor kafkaClusterName() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaAdmin admin && admin.getClusterId() == null) {
                    admin.setClusterId(CLUSTER_NAME);
                }
                return bean;
            }
        };
    }
}
