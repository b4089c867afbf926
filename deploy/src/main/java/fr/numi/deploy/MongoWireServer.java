package fr.numi.deploy;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;

/** A MongoDB-wire server whose data lives in one H2 MVStore file, so it survives a restart. */
final class MongoWireServer implements AutoCloseable {

    private final InfraSettings settings;
    private volatile MongoServer server;

    MongoWireServer(InfraSettings settings) {
        this.settings = settings;
    }

    void start() throws IOException {
        Files.createDirectories(settings.mongoFile().getParent());
        var backend = new LocalStoreBackend(settings.mongoFile().toString());
        // After an unclean stop (SIGKILL) the file may hold a document its indexes lost, or the reverse.
        StoreIndexRepair.repair(backend, backend.getMvStore());
        var started = new MongoServer(backend);
        try {
            started.bind(settings.bindHost(), settings.mongoPort());
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            started.shutdownNow();
            throw new IllegalStateException("The Mongo-wire server cannot listen on %s:%d (%s); free the port or set %s"
                    .formatted(settings.bindHost(), settings.mongoPort(), e.getMessage(), InfraSettings.MONGO_PORT), e);
        }
        server = started;
    }

    @Override
    public void close() {
        if (server != null) {
            // Closes the client connections, then the backend, which writes and closes the H2 file.
            server.shutdownNow();
            server = null;
        }
    }
}
