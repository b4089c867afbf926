package fr.numi.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

class KafkaClusterNameTest {

    static KafkaAdmin named(KafkaAdmin admin) {
        return (KafkaAdmin) KafkaClusterName.kafkaClusterName().postProcessAfterInitialization(admin, "kafkaAdmin");
    }

    @Test
    void shouldAnswerTheClusterIdAtOnceWithNoBrokerToAsk() {
        // given an admin whose broker does not answer
        KafkaAdmin admin = named(new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1")));

        // when a producer's span asks for the cluster id
        Instant start = Instant.now();
        String clusterId = admin.clusterId();

        // then it gets the name, without a describe-cluster that waits for the broker
        assertThat(clusterId).isEqualTo("numi");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldKeepAClusterIdSetElsewhere() {
        KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"));
        admin.setClusterId("production-eu");

        assertThat(named(admin).clusterId()).isEqualTo("production-eu");
    }
}
