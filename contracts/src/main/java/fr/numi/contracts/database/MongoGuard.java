package fr.numi.contracts.database;

import com.mongodb.ConnectionString;
import com.mongodb.reactivestreams.client.MongoClient;
import fr.numi.contracts.messaging.FaultClassifier;
import fr.numi.contracts.problems.Unavailable;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.SessionSynchronization;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * MongoDB unavailable is answered fast and the same way in every service (issue 16, docs/operations.md "MongoDB
 * down"):
 *
 * <ul>
 *   <li>the driver gives up within seconds ({@code numi.mongo.*-timeout}), not after its 30 s of server selection or
 *       never (no read timeout), unless the connection string says otherwise;
 *   <li>every operation of the service's reactive client goes through one Resilience4j circuit breaker, {@code mongo}
 *       ({@link GuardedMongo}): when most recent operations failed because the database is unavailable (the failures
 *       {@code numi.consumer.dependency-exceptions} names), it opens and operations fail at once with
 *       {@code CallNotPermittedException} (itself named there: consumers wait it out, never dead-letter) instead of each
 *       waiting for the driver; metrics {@code resilience4j_circuitbreaker_*{name="mongo"}};
 *   <li>{@link Unavailable}: an HTTP request that meets such a failure is answered 503 problem+json with
 *       {@code Retry-After} (the breaker's open time) by every service's {@code ProblemDetailsHandler}.
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass({MongoClient.class, CircuitBreaker.class, CircuitBreakerOperator.class, MongoClientSettingsBuilderCustomizer.class})
@EnableConfigurationProperties(MongoGuardProperties.class)
public class MongoGuard {

    private static final Logger log = LoggerFactory.getLogger(MongoGuard.class);

    /** The name of the breaker, of its metrics and of its log lines: the dependency it guards. */
    public static final String NAME = "mongo";

    @Bean
    CircuitBreaker mongoCircuitBreaker(MongoGuardProperties properties, Environment environment, ObjectProvider<MeterRegistry> meters) {
        FaultClassifier faults = dependencyFaults(environment);
        MongoGuardProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                // Only an unavailable database counts against it: a duplicate key or an invalid query is an answer.
                .recordException(e -> faults.classify(e).dependency())
                .build());
        CircuitBreaker breaker = registry.circuitBreaker(NAME);
        breaker.getEventPublisher().onStateTransition(event -> log.warn("circuit breaker {} {}", NAME, event.getStateTransition()));
        MeterRegistry meterRegistry = meters.getIfUnique();
        if (meterRegistry != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
        }
        return breaker;
    }

    /** What an HTTP request that met an unavailable dependency is answered: 503, come back when the breaker tries again. */
    @Bean
    Unavailable unavailableDependencies(Environment environment, MongoGuardProperties properties) {
        return new Unavailable(dependencyFaults(environment), properties.circuitBreaker().waitDurationInOpenState());
    }

    /** Wraps the reactive client Boot creates; the breaker is looked up when the client is, not before. */
    @Bean
    static BeanPostProcessor mongoClientGuard(ObjectProvider<CircuitBreaker> breakers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof MongoClient client && GuardedMongo.unwrap(bean) == bean
                        ? GuardedMongo.client(client, breakers.getObject())
                        : bean;
            }
        };
    }

    /**
     * numi opens no MongoDB transaction: Spring Data's templates are told not to look for one. By default each reactive
     * operation looks up a transaction in its subscriber context and makes an exception when there is none (150 a
     * second in ticket-service at 5 requests a second: docs/performance.md).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveMongoTemplate.class)
    static class NoTransactions {

        @Bean
        static BeanPostProcessor mongoTemplateWithoutTransactions() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof ReactiveMongoTemplate template) {
                        template.setSessionSynchronization(SessionSynchronization.NEVER);
                    }
                    return bean;
                }
            };
        }
    }

    /** Applied after Boot's own settings (the connection string); a timeout the connection string sets is kept. */
    @Bean
    MongoClientSettingsBuilderCustomizer mongoTimeouts(MongoGuardProperties properties, ObjectProvider<MongoConnectionDetails> details) {
        return new OrderedCustomizer(builder -> {
            MongoConnectionDetails connection = details.getIfAvailable();
            ConnectionString uri = connection == null ? null : connection.getConnectionString();
            if (uri == null || uri.getServerSelectionTimeout() == null) {
                builder.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis(properties.serverSelectionTimeout()), TimeUnit.MILLISECONDS));
            }
            builder.applyToSocketSettings(socket -> {
                if (uri == null || uri.getConnectTimeout() == null) {
                    socket.connectTimeout(millis(properties.connectTimeout()), TimeUnit.MILLISECONDS);
                }
                if (uri == null || (uri.getSocketTimeout() == null && uri.getTimeout() == null)) {
                    socket.readTimeout(millis(properties.readTimeout()), TimeUnit.MILLISECONDS);
                }
            });
        });
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }

    /** The consumers' lists (numi.consumer.*): what says "a dependency is unavailable" is one list for consumers and requests. */
    static FaultClassifier dependencyFaults(Environment environment) {
        Binder binder = Binder.get(environment);
        return new FaultClassifier(binder.bind("numi.consumer.dependency-exceptions", Bindable.listOf(String.class)).orElse(List.of()),
                binder.bind("numi.consumer.bad-record-exceptions", Bindable.listOf(String.class)).orElse(List.of()), List.of());
    }

    private record OrderedCustomizer(MongoClientSettingsBuilderCustomizer delegate) implements MongoClientSettingsBuilderCustomizer, Ordered {

        @Override
        public void customize(com.mongodb.MongoClientSettings.Builder builder) {
            delegate.customize(builder);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
