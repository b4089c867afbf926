package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store after a SIGKILL that fell between a document's write and its index's: the two ways the file can
 * disagree are made by hand in the MVStore, then the file is opened as the local run opens it.
 */
class StoreIndexRepairTest {

    private static final String ID_INDEX = "numi_it.things._index__id_";

    @TempDir
    Path dataDir;

    @Test
    void shouldUpsertADocumentWhoseIdIndexEntryWasLostOnceTheStoreIsOpenedAgain() throws Exception {
        // given a document whose _id index entry was lost
        InfraSettings settings = settings();
        withServer(settings, things -> {
            things.insertOne(new Document("_id", "ticket-1").append("state", "OPEN"));
            // (mongo-java-server rebuilds an index it finds empty: another document keeps this one from being empty)
            things.insertOne(new Document("_id", "ticket-2").append("state", "OPEN"));
        });
        withStore(settings, store -> {
            MVMap<KeyValue, Object> ids = store.openMap(ID_INDEX);
            List<KeyValue> entries = ids.entrySet().stream().filter(e -> "ticket-1".equals(e.getValue())).map(Map.Entry::getKey).toList();
            assertThat(entries).hasSize(1);
            entries.forEach(ids::remove);
            assertThat(ids).hasSize(1);
        });
        // which an unrepaired store refuses to upsert (the error the fault suite met), so the test means something
        withUnrepairedServer(settings, things -> assertThatThrownBy(() -> upsert(things, "ticket-1", "ANSWERED"))
                .isInstanceOf(MongoException.class)
                .hasMessageContaining("already existed"));

        // when
        withServer(settings, things -> upsert(things, "ticket-1", "RESOLVED"));

        // then
        withServer(settings, things -> {
            assertThat(things.countDocuments()).isEqualTo(2);
            assertThat(things.find(new Document("_id", "ticket-1")).first()).containsEntry("state", "RESOLVED");
        });
    }

    @Test
    void shouldInsertADocumentWhoseIndexEntriesOutlivedItOnceTheStoreIsOpenedAgain() throws Exception {
        // given a document that was lost while its entries in the _id and a unique index stayed
        InfraSettings settings = settings();
        withServer(settings, things -> {
            things.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", "ticket-1").append("code", "A1"));
            things.insertOne(new Document("_id", "ticket-2").append("code", "B2"));
        });
        withStore(settings, store -> store.<Object, Object>openMap("databases.numi_it.things").remove("ticket-2"));
        withUnrepairedServer(settings, things -> assertThatThrownBy(() -> things.insertOne(new Document("_id", "ticket-2")))
                .isInstanceOf(MongoException.class));

        // when
        withServer(settings, things -> things.insertOne(new Document("_id", "ticket-2").append("code", "B2")));

        // then
        withServer(settings, things -> {
            assertThat(things.countDocuments()).isEqualTo(2);
            assertThat(things.find(new Document("code", "B2")).first()).containsEntry("_id", "ticket-2");
            // the unique index still holds: the other document's code is refused
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "ticket-3").append("code", "A1")))
                    .isInstanceOf(MongoException.class)
                    .hasMessageContaining("duplicate key");
        });
    }

    @Test
    void shouldLeaveAConsistentStoreAsItIs() throws Exception {
        // given
        InfraSettings settings = settings();
        withServer(settings, things -> {
            things.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true));
            things.insertOne(new Document("_id", "ticket-1").append("code", "A1"));
            things.insertOne(new Document("_id", "ticket-2"));
        });

        // when
        var backend = new H2Backend(settings.mongoFile().toString());
        StoreIndexRepair.Outcome outcome;
        try {
            outcome = StoreIndexRepair.repair(backend, backend.getMvStore());
        } finally {
            backend.close();
        }

        // then
        assertThat(outcome).isEqualTo(new StoreIndexRepair.Outcome(0, 0));
    }

    private InfraSettings settings() {
        return new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, dataDir);
    }

    private static void upsert(MongoCollection<Document> things, String id, String state) {
        // as triage's archive and ticket-service's timers write: an update, made an insert when nothing matches
        things.updateOne(new Document("_id", id), new Document("$set", new Document("state", state)), new UpdateOptions().upsert(true));
    }

    private static void withServer(InfraSettings settings, Consumer<MongoCollection<Document>> use) throws Exception {
        try (var server = new MongoWireServer(settings)) {
            server.start();
            use(settings.mongoPort(), use);
        }
    }

    private static void withUnrepairedServer(InfraSettings settings, Consumer<MongoCollection<Document>> use) {
        var server = new MongoServer(new H2Backend(settings.mongoFile().toString()));
        try {
            server.bind(settings.bindHost(), settings.mongoPort());
            use(settings.mongoPort(), use);
        } finally {
            server.shutdownNow();
        }
    }

    private static void use(int port, Consumer<MongoCollection<Document>> use) {
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + port + "/?retryWrites=false")) {
            use.accept(mongo.getDatabase("numi_it").getCollection("things"));
        }
    }

    private static void withStore(InfraSettings settings, Consumer<MVStore> change) {
        MVStore store = MVStore.open(settings.mongoFile().toString());
        try {
            assertThat(store.getMapNames()).contains(ID_INDEX);
            change.accept(store);
            store.commit();
        } finally {
            store.close();
        }
    }
}
