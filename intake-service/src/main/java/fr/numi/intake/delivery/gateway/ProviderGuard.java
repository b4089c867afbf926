package fr.numi.intake.delivery.gateway;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.delivery.application.ProviderException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The Resilience4j guard of one provider, every instance named after it ({@code whatsapp-api},
 * {@code twilio-api}): a time limit per call, a bulkhead, a circuit breaker (only transient failures
 * count against the provider) and a retry with exponential back-off on transient failures (5xx, 429,
 * time-outs, I/O). Metrics: {@code resilience4j_*{name="whatsapp-api"}}.
 */
final class ProviderGuard {

    private final String name;
    private final TimeLimiter timeLimiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    ProviderGuard(String name, DeliveryProperties.Resilience settings, MeterRegistry meters) {
        this.name = name;
        Predicate<Throwable> transientFailure = ProviderGuard::isTransient;
        TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout()).cancelRunningFuture(true).build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls()).maxWaitDuration(settings.maxWait()).build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(Math.max(1, settings.slidingWindowSize() / 2))
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(transientFailure)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryWait(), 2.0))
                .retryOnException(transientFailure)
                .build());
        this.timeLimiter = timeLimiters.timeLimiter(name);
        this.bulkhead = bulkheads.bulkhead(name);
        this.circuitBreaker = breakers.circuitBreaker(name);
        this.retry = retries.retry(name);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** Retry( CircuitBreaker( Bulkhead( TimeLimiter( call ) ) ) ); what is left is a {@link ProviderException}. */
    <T> Mono<T> guard(Mono<T> call) {
        return Mono.defer(() -> call)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(e -> !(e instanceof ProviderException), e -> new ProviderException(name + ": " + describe(e), true));
    }

    CircuitBreaker.State state() {
        return circuitBreaker.getState();
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof ProviderException p ? p.transientFailure()
                : e instanceof TimeoutException || e instanceof IOException || e instanceof WebClientRequestException
                        || e instanceof BulkheadFullException;
    }

    private static String describe(Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit open";
        }
        if (e instanceof BulkheadFullException) {
            return "too many calls in flight";
        }
        if (e instanceof TimeoutException) {
            return "no answer in time";
        }
        return e.getClass().getSimpleName();
    }
}
