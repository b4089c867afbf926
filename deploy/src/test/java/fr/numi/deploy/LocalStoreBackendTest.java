package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store keeps what it acknowledged through a kill, and answers queries that name _id as MongoDB does. */
class LocalStoreBackendTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path copies;

    @Test
    void shouldHaveEveryAcknowledgedWriteInTheFileBeforeAnswering() throws Exception {
        withTickets((settings, tickets) -> {
            for (int i = 1; i <= 20; i++) {
                // when: a write is acknowledged
                tickets.insertOne(new Document("_id", "t" + i).append("status", "RECEIVED"));
                tickets.updateOne(new Document("_id", "t" + i), new Document("$set", new Document("status", "QUALIFIED")));

                // then: the file holds it at once, as a process killed now would leave it (the store's own commit comes
                // a second later: without the commit before the answer, this fails on the first ticket)
                Path copy = copies.resolve("copy-" + i + ".mv.db");
                Files.copy(settings.mongoFile(), copy);
                MVStore onDisk = MVStore.open(copy.toString());
                try {
                    MVMap<Object, Object> stored = onDisk.openMap("databases.numi_it.tickets");
                    assertThat(stored.get("t" + i)).as("ticket t%d on disk", i).isNotNull()
                            .asString().contains("QUALIFIED");
                } finally {
                    onDisk.close();
                }
            }
        });
    }

    @Test
    void shouldMatchTheWholeQueryOnTheDocumentsTheIdNames() throws Exception {
        withTickets((settings, tickets) -> {
            tickets.insertMany(List.of(
                    new Document("_id", "t1").append("storeVersion", 1).append("status", "OPEN"),
                    new Document("_id", "t2").append("storeVersion", 4).append("status", "QUEUED"),
                    new Document("_id", "t3").append("storeVersion", 1).append("status", "QUEUED")));

            // find
            assertThat(tickets.find(new Document("_id", "t1").append("storeVersion", 1)).first()).containsEntry("status", "OPEN");
            assertThat(tickets.find(new Document("_id", "t1").append("storeVersion", 2)).first()).isNull();
            assertThat(tickets.find(new Document("_id", new Document("$in", List.of("t1", "t2", "t3"))).append("status", "QUEUED"))
                    .map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactlyInAnyOrder("t2", "t3");
            assertThat(tickets.find(new Document("_id", new Document("$gt", "t1")).append("storeVersion", 1))
                    .map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("t3");

            // an optimistic save: applied on the version read, refused on a stale one
            assertThat(tickets.updateOne(new Document("_id", "t1").append("storeVersion", 1),
                    new Document("$set", new Document("storeVersion", 2).append("status", "QUEUED"))).getModifiedCount()).isEqualTo(1);
            assertThat(tickets.updateOne(new Document("_id", "t1").append("storeVersion", 1),
                    new Document("$set", new Document("status", "LOST"))).getModifiedCount()).isZero();
            assertThat(tickets.find(new Document("_id", "t1")).first()).containsEntry("storeVersion", 2).containsEntry("status", "QUEUED");

            // a claim that finds nothing to take does not insert; an upsert on a free _id does
            assertThat(tickets.findOneAndUpdate(new Document("_id", "t2").append("status", "OPEN"),
                    new Document("$set", new Document("status", "CLAIMED")))).isNull();
            assertThat(tickets.findOneAndUpdate(new Document("_id", "t4").append("status", "OPEN"),
                    new Document("$set", new Document("storeVersion", 1)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                    .containsEntry("_id", "t4").containsEntry("status", "OPEN");
            tickets.updateOne(new Document("_id", "t5").append("storeVersion", 0), new Document("$set", new Document("status", "OPEN")),
                    new UpdateOptions().upsert(true));

            // a delete guarded by the version
            assertThat(tickets.deleteOne(new Document("_id", "t3").append("storeVersion", 9)).getDeletedCount()).isZero();
            assertThat(tickets.deleteOne(new Document("_id", "t3").append("storeVersion", 1)).getDeletedCount()).isEqualTo(1);
            assertThat(tickets.find().map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("t1", "t2", "t4", "t5");
        });
    }

    @Test
    void shouldScanACollectionLargerThanH2sDefaultCacheFromMemory() throws Exception {
        // given: 24 MB of documents (H2's default cache holds 16 MB), in a store opened anew (nothing in memory)
        Path file = dataDir.resolve("scan.mv.db");
        String padding = "x".repeat(4_000);
        withStore(file, tickets -> {
            for (int batch = 0; batch < 12; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    documents.add(new Document("_id", batch + "-" + i).append("status", "OPEN").append("notes", padding));
                }
                tickets.insertMany(documents);
            }
        });
        withStore(file, (backend, tickets) -> {
            Document nothing = new Document("status", "NONE"); // no index: every document is read and matched
            assertThat(tickets.find(nothing).first()).isNull();
            long readsAfterFirstScan = backend.getMvStore().getFileStore().getReadCount();

            // when: the collection is scanned again, as a poll for due timers or deliveries does every second
            assertThat(tickets.find(nothing).first()).isNull();

            // then: nothing is read from the file again (with H2's default cache, the scan read it all again)
            assertThat(backend.getMvStore().getFileStore().getReadCount()).isEqualTo(readsAfterFirstScan);
        });
    }

    interface StoreUse {
        void accept(LocalStoreBackend backend, MongoCollection<Document> tickets) throws Exception;
    }

    /** A local store on {@code file} (opened, then closed), its tickets collection through a client. */
    void withStore(Path file, StoreUse use) throws Exception {
        var backend = new LocalStoreBackend(file.toString());
        var server = new MongoServer(backend);
        int port = FreePorts.next();
        server.bind("127.0.0.1", port);
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            use.accept(backend, mongo.getDatabase("numi_it").getCollection("tickets"));
        } finally {
            server.shutdownNow();
        }
    }

    void withStore(Path file, TicketsOnly use) throws Exception {
        withStore(file, (backend, tickets) -> use.accept(tickets));
    }

    interface TicketsOnly {
        void accept(MongoCollection<Document> tickets) throws Exception;
    }

    interface TicketsUse {
        void accept(InfraSettings settings, MongoCollection<Document> tickets) throws Exception;
    }

    /** A local store on the test's data folder, its tickets collection through a client. */
    void withTickets(TicketsUse use) throws Exception {
        var settings = new InfraSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), FreePorts.next(), 1, dataDir);
        try (var server = new MongoWireServer(settings);
                var mongo = MongoClients.create("mongodb://127.0.0.1:" + settings.mongoPort())) {
            server.start();
            use.accept(settings, mongo.getDatabase("numi_it").getCollection("tickets"));
        }
    }
}
