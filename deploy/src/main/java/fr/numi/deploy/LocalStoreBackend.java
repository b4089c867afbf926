package fr.numi.deploy;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The local store's H2 backend (mongo-java-server), made to keep two promises a MongoDB server keeps.
 *
 * <p><b>A write it acknowledged survives a kill of the process.</b> mongo-java-server writes into an H2 MVStore whose
 * changes reach the file only when the store commits, by default once a second from a background thread: a SIGKILL
 * lost the last second of acknowledged writes, while the consumers that made them had already committed their Kafka
 * offsets (the fault suite lost 4 tickets so: triage decisions kept on tickets whose requests had not come yet, the writes
 * gone, the decisions' records consumed). Here a command that changed the store commits it before its answer goes back; commits of writes
 * made at the same moment on other connections are shared (one commit writes everything changed so far). The data
 * then lives in the operating system's cache, which a killed process does not lose (a power cut would: this is a
 * development tool, not a database).
 *
 * <p><b>A query that names {@code _id} is a lookup</b>, even when it names other fields too. mongo-java-server uses an index only for a query on exactly that index's fields: {@code {_id: x}} is a lookup,
 * but {@code {_id: x, storeVersion: 3}} (an optimistic save), {@code {_id: x, leaseUntil: {$lt: now}}} (a claim) and
 * the like read and match every document of the collection. numi writes that way on every ticket change, so the local
 * store's cost grew with the number of tickets it held (a third of its CPU in the pipeline benchmark, and growing). A
 * MongoDB server picks the {@code _id} index for these queries; here a query that names {@code _id} looks it up and
 * matches the rest of the query against the documents found, as MongoDB does. Other queries go as before.
 */
final class LocalStoreBackend extends H2Backend {

    /**
     * The documents H2 keeps in memory, in MiB as H2 counts them (their serialised size; on the heap they take about
     * 1.3 times that): a quarter of the heap, 128 at most. With H2's default, 16, the polls that scan a whole collection
     * every second or so (due timers, due deliveries: mongo-java-server has no range index) read from the file and
     * deserialised again what the cache no longer held once a few thousand tickets were open (docs/performance.md).
     * 128 holds the 83 000 documents of a local run used for weeks.
     */
    static final int CACHE_MIB = (int) Math.min(128, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));

    LocalStoreBackend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MIB).open());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        MVStore store = getMvStore();
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
        return answer;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** An inner class: H2Database's constructor opens the collections, before any field of a subclass is set. */
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The maps H2Database itself opens for a collection.
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + namespace);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new Collection(this, collectionName, options, documents, meta, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
                MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                Document fieldSelector) {
            String idField = getIdField();
            if (idField != null && query.size() > 1 && query.containsKey(idField)) {
                Document byId = new Document(idField, query.get(idField));
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        // The documents the _id names, matched against the whole query.
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }
}
