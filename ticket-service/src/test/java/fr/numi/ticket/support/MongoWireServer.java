package fr.numi.ticket.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.numi.contracts.testing.CuttableProxy;
import java.net.InetSocketAddress;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Mongo-wire server (mongo-java-server, in memory) for integration tests: one per JVM, shared
 * by every context, so the Mongo driver talks the real protocol and nothing is mocked.
 *
 * <p>The services reach it through a {@link CuttableProxy}, so that a test can make MongoDB unreachable
 * ({@link #outage()}) and bring it back with its data. The driver gives up on finding a server after
 * numi-defaults' {@code numi.mongo.server-selection-timeout} (2 s), as in production.
 */
public final class MongoWireServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static String connectionString;
    private static CuttableProxy proxy;

    public static synchronized String connectionString() {
        if (connectionString == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            InetSocketAddress address = server.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-wire-server-stop"));
            proxy = CuttableProxy.to(address);
            connectionString = "mongodb://127.0.0.1:" + proxy.port();
        }
        return connectionString;
    }

    /** The way between the services and the server: cut it for an outage, restore it after. */
    public static synchronized CuttableProxy outage() {
        connectionString();
        return proxy;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.mongodb.uri=" + connectionString()).applyTo(context);
    }
}
