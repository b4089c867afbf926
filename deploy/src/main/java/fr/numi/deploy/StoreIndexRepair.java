package fr.numi.deploy;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the local store's unique indexes agree with its documents again, once, when the file is opened.
 *
 * <p>mongo-java-server keeps a collection's documents and each of its unique indexes ({@code _id} included) in separate
 * maps of one H2 MVStore file, written one after the other; the store's background commit can fall between the two. A
 * process killed (SIGKILL) after such a commit comes back with a document its {@code _id} index does not know (an
 * upsert of it then finds nothing and fails to insert: « Document with key … already existed », an error without a
 * MongoDB code, which numi's consumers rightly treat as a bad record) or with an index entry whose document was never
 * written (its insert then meets a duplicate key). A journaled MongoDB never shows either. Before the server takes
 * its first connection, every index entry that points at no document, or at a document that no longer has that key,
 * is dropped, and every document missing from an index is added to it. Documents are never touched.
 */
final class StoreIndexRepair {

    private static final Logger log = LoggerFactory.getLogger(StoreIndexRepair.class);
    private static final String DATA_PREFIX = "databases.";

    private StoreIndexRepair() {}

    /** What was repaired: index entries dropped and added, over the whole store. */
    record Outcome(int dropped, int added) {}

    static Outcome repair(MongoBackend backend, MVStore store) {
        int dropped = 0;
        int added = 0;
        for (String mapName : List.copyOf(store.getMapNames())) {
            if (!mapName.startsWith(DATA_PREFIX)) {
                continue;
            }
            String namespace = mapName.substring(DATA_PREFIX.length());
            int dot = namespace.indexOf('.');
            String database = namespace.substring(0, dot);
            String collectionName = namespace.substring(dot + 1);
            AbstractMongoCollection<Object> collection = collection(backend, database, collectionName);
            if (collection == null) {
                continue;
            }
            MVMap<Object, Document> documents = store.openMap(mapName);
            for (Index<Object> index : collection.getIndexes()) {
                String indexMapName = namespace + "._index_" + index.getName();
                if (!store.hasMap(indexMapName)) {
                    continue;
                }
                MVMap<KeyValue, Object> entries = store.openMap(indexMapName);
                dropped += dropStale(index, entries, documents);
                added += addMissing(index, documents, collection);
            }
        }
        if (dropped + added > 0) {
            store.commit();
            log.warn("store indexes repaired after an unclean stop: {} entries pointing at no document dropped, {} documents indexed again",
                    dropped, added);
        }
        return new Outcome(dropped, added);
    }

    @SuppressWarnings("unchecked")
    private static AbstractMongoCollection<Object> collection(MongoBackend backend, String database, String name) {
        try {
            return backend.resolveDatabase(database).resolveCollection(name, false) instanceof AbstractMongoCollection<?> c
                    ? (AbstractMongoCollection<Object>) c : null;
        } catch (MongoServerException e) {
            log.warn("collection {}.{} not checked: {}", database, name, e.getClass().getSimpleName());
            return null;
        }
    }

    private static int dropStale(Index<Object> index, MVMap<KeyValue, Object> entries, MVMap<Object, Document> documents) {
        List<KeyValue> stale = new ArrayList<>();
        for (Map.Entry<KeyValue, Object> entry : entries.entrySet()) {
            Document document = documents.get(entry.getValue());
            if (document == null || !index.getKeyValues(document).contains(entry.getKey())) {
                stale.add(entry.getKey());
            }
        }
        stale.forEach(entries::remove);
        return stale.size();
    }

    private static int addMissing(Index<Object> index, MVMap<Object, Document> documents, AbstractMongoCollection<Object> collection) {
        int added = 0;
        for (Map.Entry<Object, Document> entry : documents.entrySet()) {
            Document document = entry.getValue();
            if (index.getPosition(document) != null) {
                continue;
            }
            try {
                // A sparse index takes nothing from a document without its keys.
                index.add(document, entry.getKey(), collection);
            } catch (RuntimeException e) {
                // A real duplicate: left as it is (its key may be personal: not logged).
                log.debug("document not indexed again in {}: {}", index.getName(), e.getClass().getSimpleName());
            }
            if (index.getPosition(document) != null) {
                added++;
            }
        }
        return added;
    }
}
