package fr.numi.deploy;

import fr.numi.deploy.identity.IdentitySettings;
import fr.numi.deploy.identity.LocalIdentityProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local infrastructure in one process: a real single-node KRaft Kafka broker and a
 * MongoDB-wire server on H2, both keeping their data in {@code NUMI_DATA_DIR} across restarts, and
 * the local mailbox (an SMTP server keeping what numi e-mails, with a page to read it), and the local identity
 * provider agents sign in with ({@code NUMI_IDP_PORT}, 0 to leave it out).
 *
 * <p>Run with {@code java -jar deploy/target/deploy-0.1.0-SNAPSHOT.jar}; stop with SIGTERM or
 * Ctrl-C. See {@link InfraSettings} for the overrides.
 */
public final class LocalInfra implements AutoCloseable {

    /** How the line starts that says both servers accept connections (the local run and the test stack wait for it). */
    public static final String READY_PREFIX = "numi local infra ready: ";
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(LocalInfra.class);

    private final InfraSettings settings;
    private final KafkaBroker kafka;
    private final MongoWireServer mongo;
    private final LocalMailbox mailbox;
    private final LocalIdentityProvider identity;
    private boolean closed;

    private LocalInfra(InfraSettings settings, IdentitySettings identity) {
        this.settings = settings;
        this.kafka = new KafkaBroker(settings);
        this.mongo = new MongoWireServer(settings);
        this.mailbox = settings.mailbox() ? new LocalMailbox(settings) : null;
        this.identity = identity == null ? null : new LocalIdentityProvider(identity);
    }

    /** The local identity provider's settings (its issuer), when it runs. */
    public IdentitySettings identity() {
        return identity == null ? null : identity.settings();
    }

    /** The local mailbox, when it runs. */
    public LocalMailbox mailbox() {
        return mailbox;
    }

    public static void main(String[] args) {
        InfraSettings settings;
        IdentitySettings identity;
        try {
            settings = InfraSettings.fromEnvironment();
            identity = "0".equals(System.getenv(IdentitySettings.PORT)) ? null
                    : IdentitySettings.fromEnvironment(System.getenv(), settings.bindHost(), settings.dataDir());
        } catch (IllegalArgumentException e) {
            System.err.println("numi local infra: " + e.getMessage());
            System.exit(2);
            return;
        }
        var infra = new LocalInfra(settings, identity);
        var stopped = new CountDownLatch(1);
        // Registered before the start, so that a SIGTERM during start-up still closes what started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stopped.countDown();
        }, "numi-local-infra-stop"));
        try {
            infra.startAll();
        } catch (Exception e) {
            log.error("numi local infra failed to start", e);
            System.exit(1);
            return;
        }
        System.out.println(infra.readyLine());
        System.out.flush();
        awaitQuietly(stopped);
    }

    /** Starts Mongo then Kafka in this process, and returns once both accept connections. */
    public static LocalInfra start(InfraSettings settings) throws IOException {
        return start(settings, null);
    }

    /** The same, with the local identity provider when {@code identity} is not null. */
    public static LocalInfra start(InfraSettings settings, IdentitySettings identity) throws IOException {
        var infra = new LocalInfra(settings, identity);
        infra.startAll();
        return infra;
    }

    private void startAll() throws IOException {
        Instant begin = Instant.now();
        try {
            log.info("Data folder {}", settings.dataDir());
            mongo.start();
            kafka.start();
            if (mailbox != null) {
                mailbox.start();
            }
            if (identity != null) {
                identity.start();
            }
            awaitPort(settings.bindHost(), settings.mongoPort());
            awaitPort(settings.bindHost(), settings.kafkaPort());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("Started in {} ms", Duration.between(begin, Instant.now()).toMillis());
    }

    String readyLine() {
        return READY_PREFIX + "kafka=" + settings.kafkaBootstrap() + " mongo=" + settings.mongoUri()
                + (mailbox == null ? "" : " smtp=" + settings.bindHost() + ":" + settings.smtpPort() + " mailbox=http://" + settings.bindHost()
                        + ":" + settings.mailboxPort() + "/messages")
                + (identity == null ? "" : " identity=" + identity.settings().issuer());
    }

    /** Stops the services' dependencies in reverse order of start: Kafka, then Mongo. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping");
        if (identity != null) {
            try {
                identity.close();
            } catch (RuntimeException e) {
                log.warn("The identity provider did not stop cleanly", e);
            }
        }
        if (mailbox != null) {
            mailbox.close();
        }
        try {
            kafka.close();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly", e);
        }
        try {
            mongo.close();
        } catch (RuntimeException e) {
            log.warn("The Mongo-wire server did not stop cleanly", e);
        }
        log.info("Stopped");
    }

    private static void awaitPort(String host, int port) {
        Instant deadline = Instant.now().plus(PORT_WAIT);
        while (true) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1_000);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new UncheckedIOException("Nothing accepts connections on " + host + ":" + port, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + host + ":" + port, e);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
