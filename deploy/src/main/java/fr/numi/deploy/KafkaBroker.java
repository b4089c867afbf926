package fr.numi.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), as
 * {@code kafka.Kafka} would run it from a {@code server.properties}, but stoppable from our own
 * shutdown hook.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final InfraSettings settings;
    private volatile KafkaRaftServer server;

    KafkaBroker(InfraSettings settings) {
        this.settings = settings;
    }

    static Properties serverProperties(InfraSettings settings) {
        String host = settings.bindHost();
        String broker = host + ":" + settings.kafkaPort();
        String controller = host + ":" + settings.controllerPort();
        var props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.bootstrap.servers", controller);
        props.setProperty("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + broker);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", settings.kafkaLogDir().toString());
        props.setProperty("num.partitions", Integer.toString(settings.kafkaPartitions()));
        // One broker: every internal topic has one replica.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // A topic a producer's first send creates (the local run has no provisioning job) keeps records as long as
        // provision-topics.sh's events do: 14 days (docs/privacy.md "Retention"). Those the services' binder creates
        // get it, and the dead-letter topics their 28 days, as a setting of the topic itself (numi-defaults.yml).
        props.setProperty("log.retention.ms", "1209600000");
        // Each partition's active segment preallocates an offset index and a time index of log.index.size.max.bytes
        // (10 MiB by default): with the ~300 partitions of the local run, 6 GB of sparse files for a few thousand
        // records, which every tool that reads the log directory has to wade through. 1 MiB still indexes segments of
        // some 350 MiB before one rolls.
        props.setProperty("log.index.size.max.bytes", "1048576");
        return props;
    }

    void start() throws IOException {
        Properties props = serverProperties(settings);
        Path config = settings.dataDir().resolve("kafka-server.properties");
        Files.createDirectories(settings.dataDir());
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "Written by fr.numi.deploy.LocalInfra at each start; edits are overwritten");
        }
        formatStorageIfNew(config);
        var started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            throw e;
        }
        server = started;
    }

    /** The first start formats the log directory with a fresh cluster id; later starts reuse it. */
    private void formatStorageIfNew(Path config) {
        if (Files.exists(settings.kafkaLogDir().resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        log.info("Formatting new Kafka storage in {} (cluster id {})", settings.kafkaLogDir(), clusterId);
        var output = new ByteArrayOutputStream();
        int exitCode;
        try (var printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", config.toString(), "--standalone"}, printStream);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + settings.kafkaLogDir() + " failed (exit "
                    + exitCode + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
