package fr.numi.urgency.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Mongo-wire server (mongo-java-server, in memory) for integration tests: one per JVM, shared
 * by every context, so the Mongo driver talks the real protocol and nothing is mocked.
 */
public final class MongoWireServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static String connectionString;

    public static synchronized String connectionString() {
        if (connectionString == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            connectionString = server.bindAndGetConnectionString();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-wire-server-stop"));
        }
        return connectionString;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.mongodb.uri=" + connectionString()).applyTo(context);
    }
}
