package fr.numi.contracts.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code numi.mongo.*} of numi-defaults.yml: how long the MongoDB driver may wait before it says the database is
 * unreachable, and the circuit breaker {@code mongo} that answers at once while it is ({@link MongoGuard}).
 *
 * @param serverSelectionTimeout how long an operation waits for a reachable server (the driver's 30 s otherwise);
 *     a {@code serverSelectionTimeoutMS} in the connection string wins
 * @param connectTimeout how long opening a connection may take ({@code connectTimeoutMS} in the URI wins)
 * @param readTimeout how long the driver waits for an answer on an open connection, so that a database that stopped
 *     answering (paused, a network partition) is not waited for without end ({@code socketTimeoutMS} in the URI wins)
 * @param circuitBreaker the breaker around every operation of the service's MongoDB client
 */
@ConfigurationProperties("numi.mongo")
public record MongoGuardProperties(Duration serverSelectionTimeout, Duration connectTimeout, Duration readTimeout,
        CircuitBreaker circuitBreaker) {

    public MongoGuardProperties {
        serverSelectionTimeout = serverSelectionTimeout == null ? Duration.ofSeconds(2) : serverSelectionTimeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        circuitBreaker = circuitBreaker == null ? new CircuitBreaker(0, 0, 0, null, 0) : circuitBreaker;
    }

    /**
     * Resilience4j's count-based breaker: once {@code minimumNumberOfCalls} of the last {@code slidingWindowSize}
     * operations were made and {@code failureRateThreshold} % of them failed because the database is unavailable, it
     * opens: every operation fails at once, for {@code waitDurationInOpenState}; then {@code permittedCallsInHalfOpenState}
     * operations try the database, and it closes again if they succeed.
     */
    public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
            Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {

        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold <= 0 ? 50 : failureRateThreshold;
            slidingWindowSize = slidingWindowSize <= 0 ? 10 : slidingWindowSize;
            minimumNumberOfCalls = minimumNumberOfCalls <= 0 ? 5 : Math.min(minimumNumberOfCalls, slidingWindowSize);
            waitDurationInOpenState = waitDurationInOpenState == null ? Duration.ofSeconds(5) : waitDurationInOpenState;
            permittedCallsInHalfOpenState = permittedCallsInHalfOpenState <= 0 ? 2 : permittedCallsInHalfOpenState;
            if (failureRateThreshold > 100) {
                throw new IllegalArgumentException("numi.mongo.circuit-breaker.failure-rate-threshold is a percentage: at most 100");
            }
            if (waitDurationInOpenState.isNegative() || waitDurationInOpenState.isZero()) {
                throw new IllegalArgumentException("numi.mongo.circuit-breaker.wait-duration-in-open-state must be positive");
            }
        }
    }
}
