package fr.numi.contracts.privacy;

import com.google.crypto.tink.Aead;
import reactor.core.publisher.Mono;

/**
 * The key store of crypto-shredding: one AES-GCM key per customer, which seals that person's fields in every event
 * ({@link Sealing}). Deleting a customer's key makes every copy of their data in every topic, dead-letter topic and
 * backup unreadable, without rewriting a log. {@link MongoCustomerKeys} keeps them in MongoDB, wrapped by a master key;
 * a deployment with a KMS provides its own bean.
 */
public interface CustomerKeys {

    /** The customer's key, made on first use (any instance, any service: one key per customer wins). */
    Mono<Aead> obtain(String customerId);

    /** The customer's key; empty if they have none (never written, or erased). */
    Mono<Aead> find(String customerId);

    /** Deletes the customer's key everywhere it is kept; true if there was one. A second call is a no-op. */
    Mono<Boolean> destroy(String customerId);
}
