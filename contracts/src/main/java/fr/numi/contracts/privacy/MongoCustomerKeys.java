package fr.numi.contracts.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Customer keys in one MongoDB collection ({@code customer_keys} of the key store's database, {@code numi-keys} by
 * default), shared by the five services as a KMS would be: one document per customer, {@code _id} the customer id,
 * {@code keyset} a Tink AES-256-GCM keyset encrypted with the {@link MasterKey} (associated data: the customer id, so a
 * keyset cannot be moved to another customer). A key is made with one atomic upsert, so two instances making the same
 * customer's key at once end up with the same one. Keys are cached for {@code cacheFor}: an erased key stops opening
 * fields within that time everywhere, at once where the erasure evicts it.
 * <p>
 * MongoDB unavailable does not stop a producer: a customer without a cached key gets a key made here, used at once and
 * added to the customer's document ({@code extraKeysets}) as soon as the store answers again (tried every second). A
 * reader opens a field with any of the customer's keysets; this instance also with the keys it made and has not stored
 * yet, the store away or not. Such a key is an {@link UnstoredKey}: the records it seals carry it wrapped, so an
 * instance that dies before the store answers loses nothing; their readers open them with {@link #carried}.
 */
public final class MongoCustomerKeys implements CustomerKeys, AutoCloseable {

    public static final String COLLECTION = "customer_keys";

    private static final Logger LOG = LoggerFactory.getLogger(MongoCustomerKeys.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MongoCollection<Document> keys;
    private final Aead master;
    private final Clock clock;
    private final Cache<String, Aead> cache;
    /** Keys made while the store did not answer, by customer, wrapped: added to the store when it answers. */
    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public MongoCustomerKeys(MongoDatabase database, Aead master, Duration cacheFor, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "customer-keys-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushPending, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public Mono<Aead> obtain(String customerId) {
        Aead cached = cache.getIfPresent(customerId);
        if (cached != null) {
            return Mono.just(cached);
        }
        // One round trip whether the customer has a key or not: the upsert inserts a new one or answers the stored one.
        return create(customerId)
                .onErrorResume(MongoCustomerKeys::unavailable, e -> Mono.fromCallable(() -> makeHere(customerId)));
    }

    @Override
    public Mono<Aead> find(String customerId) {
        Aead cached = cache.getIfPresent(customerId);
        if (cached != null) {
            return Mono.just(cached);
        }
        return stored(customerId).onErrorResume(MongoCustomerKeys::unavailable, e -> {
            byte[] madeHere = pending.get(customerId);
            return madeHere == null ? Mono.error(e) : Mono.fromCallable(() -> remember(customerId, madeHere));
        });
    }

    private Mono<Aead> stored(String customerId) {
        return ask(customerId, () -> keys.find(Filters.eq("_id", customerId)).first());
    }

    /**
     * Asks the store for the customer's document and remembers its keys, with the key made here if there is one: taken
     * before asking (see {@link #remember(String, Document, byte[])}).
     */
    private Mono<Aead> ask(String customerId, Supplier<Publisher<Document>> query) {
        return Mono.defer(() -> {
            byte[] madeHere = pending.get(customerId);
            return Mono.from(query.get()).map(document -> remember(customerId, document, madeHere));
        });
    }

    @Override
    public Mono<Boolean> destroy(String customerId) {
        pending.remove(customerId);
        return Mono.from(keys.deleteOne(Filters.eq("_id", customerId)))
                .map(result -> result.getDeletedCount() > 0)
                .doFinally(signal -> cache.invalidate(customerId));
    }

    @Override
    public Aead carried(String customerId, byte[] wrapped) {
        try {
            return unwrap(customerId, wrapped);
        } catch (RuntimeException e) {
            return null; // not this customer's, another master key, or damaged: the stored keys are asked
        }
    }

    /** Keys made while the store did not answer and not yet in it. */
    public int pendingKeys() {
        return pending.size();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }

    /** A key for a customer while the store does not answer: used now, added to the store later. */
    private Aead makeHere(String customerId) throws GeneralSecurityException {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, master, associatedData(customerId));
        byte[] earlier = pending.putIfAbsent(customerId, wrapped);
        if (earlier != null) {
            return remember(customerId, earlier);
        }
        Aead aead = new UnstoredKey(fresh.getPrimitive(RegistryConfiguration.get(), Aead.class), wrapped);
        cache.put(customerId, aead);
        LOG.warn("key store unavailable: customer {} gets a key made here, stored when the store answers", customerId);
        return aead;
    }

    /** Adds the keys made here to the customers' documents (a new document, or one more keyset of an existing one). */
    private void flushPending() {
        for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
            String customerId = entry.getKey();
            Binary wrapped = new Binary(entry.getValue());
            try {
                Mono.from(keys.findOneAndUpdate(Filters.eq("_id", customerId),
                                Updates.combine(Updates.setOnInsert("keyset", wrapped),
                                        Updates.setOnInsert("createdAt", Date.from(clock.instant())),
                                        Updates.addToSet("extraKeysets", wrapped)),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                        .block(Duration.ofSeconds(5));
                pending.remove(customerId, entry.getValue());
                cache.invalidate(customerId);
                LOG.info("key store answers again: the key made here for customer {} is stored", customerId);
            } catch (RuntimeException e) {
                return; // still unavailable: every pending key waits for the next round
            }
        }
    }

    private static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoException || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getName().endsWith("CallNotPermittedException")) {
                return true;
            }
        }
        return false;
    }

    /** Forgets a cached key (an erasure seen by this instance): the next use reads the store again. */
    public void evict(String customerId) {
        cache.invalidate(customerId);
    }

    /** A new key, stored unless the customer has one: either way, the stored document's keys. */
    private Mono<Aead> create(String customerId) {
        return ask(customerId, () -> keys.findOneAndUpdate(Filters.eq("_id", customerId),
                Updates.combine(Updates.setOnInsert("keyset", new Binary(newWrappedKey(customerId))),
                        Updates.setOnInsert("createdAt", Date.from(clock.instant()))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
    }

    private byte[] newWrappedKey(String customerId) {
        try {
            KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, master, associatedData(customerId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key for customer " + customerId, e);
        }
    }

    /**
     * A stored document's keys, with {@code madeHere}: the key this instance made and had not stored when the document
     * was asked for (read before asking: a flush that stores it and drops it from {@code pending} in between has
     * stored it before the document was read, so either way it is among the keys).
     */
    private Aead remember(String customerId, Document document, byte[] madeHere) {
        Aead aead = unwrap(customerId, document, madeHere);
        cache.put(customerId, aead);
        return aead;
    }

    /** A key made here, not stored yet, kept in memory as a stored one would be. */
    private Aead remember(String customerId, byte[] madeHere) {
        Aead aead = new UnstoredKey(unwrap(customerId, madeHere), madeHere);
        cache.put(customerId, aead);
        return aead;
    }

    private Aead unwrap(String customerId, Document document, byte[] madeHere) {
        byte[] bytes = bytes(document.get("keyset"));
        if (bytes == null) {
            throw new IllegalStateException("the key store's document of customer " + customerId + " has no keyset");
        }
        List<byte[]> keysets = new ArrayList<>();
        keysets.add(bytes);
        if (document.get("extraKeysets") instanceof List<?> extras) {
            extras.forEach(extra -> keysets.add(bytes(extra)));
        }
        // a key made here and not flushed yet: what it sealed opens here before the store has it too
        keysets.add(madeHere);
        // each distinct keyset once (a ByteBuffer compares the bytes it wraps)
        List<Aead> all = keysets.stream().filter(Objects::nonNull).map(ByteBuffer::wrap).distinct()
                .map(keyset -> unwrap(customerId, keyset.array())).toList();
        return all.size() == 1 ? all.get(0) : new AnyKey(all);
    }

    private static byte[] bytes(Object value) {
        return value instanceof Binary binary ? binary.getData() : value instanceof byte[] raw ? raw : null;
    }

    private Aead unwrap(String customerId, byte[] bytes) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(bytes, master, associatedData(customerId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of customer " + customerId
                    + " does not open with NUMI_PRIVACY_MASTER_KEY (another master key, or a damaged key store)", e);
        }
    }

    /** Seals with the customer's first key; opens with whichever of their keys sealed the value. */
    private record AnyKey(List<Aead> keys) implements Aead {

        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return keys.get(0).encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            GeneralSecurityException last = null;
            for (Aead key : keys) {
                try {
                    return key.decrypt(ciphertext, associatedData);
                } catch (GeneralSecurityException e) {
                    last = e;
                }
            }
            throw last;
        }
    }

    private static byte[] associatedData(String customerId) {
        return ("numi-customer-key:" + customerId).getBytes(StandardCharsets.UTF_8);
    }
}
