package fr.numi.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the local infrastructure listens and keeps its data.
 *
 * <p>Every value can be overridden by an environment variable or, winning over it, a system
 * property of the same name ({@code -DNUMI_KAFKA_PORT=19092}).
 */
public record InfraSettings(
        String bindHost, int kafkaPort, int controllerPort, int mongoPort, int kafkaPartitions, Path dataDir, int smtpPort, int mailboxPort) {

    public static final String BIND_HOST = "NUMI_BIND_HOST";
    public static final String KAFKA_PORT = "NUMI_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "NUMI_KAFKA_CONTROLLER_PORT";
    public static final String MONGO_PORT = "NUMI_MONGO_PORT";
    public static final String KAFKA_PARTITIONS = "NUMI_KAFKA_PARTITIONS";
    public static final String DATA_DIR = "NUMI_DATA_DIR";
    public static final String SMTP_PORT = "NUMI_SMTP_PORT";
    public static final String MAILBOX_PORT = "NUMI_MAILBOX_PORT";

    static final String DEFAULT_BIND_HOST = "127.0.0.1";
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_CONTROLLER_PORT = 9093;
    static final int DEFAULT_MONGO_PORT = 27017;
    static final int DEFAULT_KAFKA_PARTITIONS = 6;
    static final String DEFAULT_DATA_DIR = ".numi-local/data";
    static final int DEFAULT_SMTP_PORT = 3025;
    static final int DEFAULT_MAILBOX_PORT = 8025;

    /** Without the local mailbox (no SMTP server, no mailbox page). */
    public InfraSettings(String bindHost, int kafkaPort, int controllerPort, int mongoPort, int kafkaPartitions, Path dataDir) {
        this(bindHost, kafkaPort, controllerPort, mongoPort, kafkaPartitions, dataDir, 0, 0);
    }

    public InfraSettings {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException(BIND_HOST + " must not be blank");
        }
        if (bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
            // Kafka advertises this address to its clients: it must be one they can connect to.
            throw new IllegalArgumentException(
                    BIND_HOST + " must be an address clients can reach (127.0.0.1, a LAN address), not " + bindHost);
        }
        if (kafkaPort == controllerPort || kafkaPort == mongoPort || controllerPort == mongoPort) {
            throw new IllegalArgumentException(
                    "Kafka (%d), Kafka controller (%d) and Mongo (%d) need three distinct ports"
                            .formatted(kafkaPort, controllerPort, mongoPort));
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Reads the settings of this process: system properties first, then the environment, then the defaults. */
    public static InfraSettings fromEnvironment() {
        return resolve(System.getenv(), System.getProperties());
    }

    static InfraSettings resolve(Map<String, String> env, Properties systemProperties) {
        var source = new Source(env, systemProperties);
        return new InfraSettings(
                source.text(BIND_HOST, DEFAULT_BIND_HOST),
                source.port(KAFKA_PORT, DEFAULT_KAFKA_PORT),
                source.port(KAFKA_CONTROLLER_PORT, DEFAULT_CONTROLLER_PORT),
                source.port(MONGO_PORT, DEFAULT_MONGO_PORT),
                source.positive(KAFKA_PARTITIONS, DEFAULT_KAFKA_PARTITIONS),
                Path.of(source.text(DATA_DIR, DEFAULT_DATA_DIR)),
                source.port(SMTP_PORT, DEFAULT_SMTP_PORT),
                source.port(MAILBOX_PORT, DEFAULT_MAILBOX_PORT));
    }

    /** Whether the local mailbox runs (an SMTP server that keeps what numi sends, and a page to read it). */
    public boolean mailbox() {
        return smtpPort > 0;
    }

    public String kafkaBootstrap() {
        return bindHost + ":" + kafkaPort;
    }

    public String mongoUri() {
        return "mongodb://" + bindHost + ":" + mongoPort;
    }

    public Path kafkaLogDir() {
        return dataDir.resolve("kafka");
    }

    public Path mongoFile() {
        return dataDir.resolve("mongo").resolve("numi.mv.db");
    }

    private record Source(Map<String, String> env, Properties systemProperties) {

        String text(String name, String fallback) {
            String value = systemProperties.getProperty(name);
            if (value == null || value.isBlank()) {
                value = env.get(name);
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int port(String name, int fallback) {
            int port = positive(name, fallback);
            if (port > 65_535) {
                throw new IllegalArgumentException(name + " must be a TCP port (1-65535), was " + port);
            }
            return port;
        }

        int positive(String name, int fallback) {
            String value = text(name, Integer.toString(fallback));
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", e);
            }
            if (number < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + number);
            }
            return number;
        }
    }
}
