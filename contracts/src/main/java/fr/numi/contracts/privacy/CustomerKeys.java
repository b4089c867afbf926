package fr.numi.contracts.privacy;

import com.google.crypto.tink.Aead;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * The key a record carries ({@link UnstoredKey#HEADER}: made by an instance while the store did not answer), opened
     * with what wraps the stored keys, without asking the store; null when it does not open (another customer's, another
     * master key, damaged). A store whose keys cannot travel wrapped answers null.
     */
    default Aead carried(String customerId, byte[] wrapped) {
        return null;
    }

    /** Deletes the customer's key everywhere it is kept; true if there was one. A second call is a no-op. */
    Mono<Boolean> destroy(String customerId);

    /** How long a caller that may block (a consumer, a blocking producer) waits for the key store. */
    Duration WAIT = Duration.ofSeconds(10);

    /**
     * The value of a key-store call, for a caller that may block: at most {@link #WAIT}, null when empty; a failure keeps
     * its cause, so an unavailable store is retried as a dependency failure, not dead-lettered.
     *
     * @param what what the key is for, named in the failure (never a value)
     */
    static <T> T await(Mono<T> call, String what) {
        try {
            return call.toFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the key store: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the key store failed: " + what + ": " + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the key store within " + WAIT.toSeconds() + " s: " + what, e);
        }
    }
}
