package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void shouldRunBrokerAndControllerOnTheConfiguredHostAndPorts() {
        // given
        var settings = new InfraSettings("127.0.0.2", 19092, 19093, 37017, 3, Path.of("/tmp/numi"));

        // when
        var props = KafkaBroker.serverProperties(settings);

        // then
        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.2:19092,CONTROLLER://127.0.0.2:19093");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.2:19092");
        assertThat(props.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.2:19093");
        assertThat(props.getProperty("log.dirs")).isEqualTo("/tmp/numi/kafka");
        assertThat(props.getProperty("num.partitions")).isEqualTo("3");
        assertThat(props.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        // a topic a producer's first send creates keeps records as long as provisioned event topics do: 14 days
        assertThat(props.getProperty("log.retention.ms")).isEqualTo("1209600000");
        // and a partition's indexes are not preallocated at 10 MiB each
        assertThat(props.getProperty("log.index.size.max.bytes")).isEqualTo("1048576");
    }
}
