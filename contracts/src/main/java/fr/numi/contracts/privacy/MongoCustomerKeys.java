package fr.numi.contracts.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Mono;

/**
 * Customer keys in one MongoDB collection ({@code customer_keys} of the key store's database, {@code numi-keys} by
 * default), shared by the five services as a KMS would be: one document per customer, {@code _id} the customer id,
 * {@code keyset} a Tink AES-256-GCM keyset encrypted with the {@link MasterKey} (associated data: the customer id, so a
 * keyset cannot be moved to another customer). A key is made with one atomic upsert, so two instances making the same
 * customer's key at once end up with the same one. Keys are cached for {@code cacheFor}: an erased key stops opening
 * fields within that time everywhere, at once where the erasure evicts it.
 */
public final class MongoCustomerKeys implements CustomerKeys {

    public static final String COLLECTION = "customer_keys";

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

    public MongoCustomerKeys(MongoDatabase database, Aead master, Duration cacheFor, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(100_000).build();
    }

    @Override
    public Mono<Aead> obtain(String customerId) {
        return find(customerId).switchIfEmpty(Mono.defer(() -> create(customerId)));
    }

    @Override
    public Mono<Aead> find(String customerId) {
        Aead cached = cache.getIfPresent(customerId);
        if (cached != null) {
            return Mono.just(cached);
        }
        return Mono.from(keys.find(Filters.eq("_id", customerId)).first()).map(document -> remember(customerId, document));
    }

    @Override
    public Mono<Boolean> destroy(String customerId) {
        return Mono.from(keys.deleteOne(Filters.eq("_id", customerId)))
                .map(result -> result.getDeletedCount() > 0)
                .doFinally(signal -> cache.invalidate(customerId));
    }

    /** Forgets a cached key (an erasure seen by this instance): the next use reads the store again. */
    public void evict(String customerId) {
        cache.invalidate(customerId);
    }

    private Mono<Aead> create(String customerId) {
        byte[] wrapped;
        try {
            KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, master, associatedData(customerId));
        } catch (GeneralSecurityException e) {
            return Mono.error(new IllegalStateException("cannot make a key for customer " + customerId, e));
        }
        return Mono.from(keys.findOneAndUpdate(Filters.eq("_id", customerId),
                        Updates.combine(Updates.setOnInsert("keyset", new Binary(wrapped)),
                                Updates.setOnInsert("createdAt", Date.from(clock.instant()))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(document -> remember(customerId, document));
    }

    private Aead remember(String customerId, Document document) {
        Aead aead = unwrap(customerId, document);
        cache.put(customerId, aead);
        return aead;
    }

    private Aead unwrap(String customerId, Document document) {
        Object keyset = document.get("keyset");
        byte[] bytes = keyset instanceof Binary binary ? binary.getData() : keyset instanceof byte[] raw ? raw : null;
        if (bytes == null) {
            throw new IllegalStateException("the key store's document of customer " + customerId + " has no keyset");
        }
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(bytes, master, associatedData(customerId))
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key of customer " + customerId
                    + " does not open with NUMI_PRIVACY_MASTER_KEY (another master key, or a damaged key store)", e);
        }
    }

    private static byte[] associatedData(String customerId) {
        return ("numi-customer-key:" + customerId).getBytes(StandardCharsets.UTF_8);
    }
}
