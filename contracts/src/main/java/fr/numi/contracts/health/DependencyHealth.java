package fr.numi.contracts.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Readiness that tells the truth: an instance that cannot reach its broker or its database takes no traffic. Two
 * indicators every service gets ({@code management.endpoint.health.group.readiness.include} in numi-defaults.yml names
 * them), both bounded by {@code numi.health.timeout} (2 s) so that a probe never hangs:
 *
 * <ul>
 *   <li>{@code broker}: the Kafka cluster answers a describe-cluster with at least one node (the same client settings as
 *       the service's producers: {@code spring.kafka.bootstrap-servers} and {@code spring.kafka.properties.*});
 *   <li>{@code database}: MongoDB answers {@code ping}, which the embedded Mongo-wire server of the local run answers too
 *       (Boot's own indicator asks {@code hello}, which it does not).
 * </ul>
 *
 * Liveness names neither: a broker outage must not restart every instance, only stop sending them work.
 */
@AutoConfiguration
@ConditionalOnClass({ReactiveHealthIndicator.class, Health.class})
public class DependencyHealth {

    static Duration timeout(Environment environment) {
        return environment.getProperty("numi.health.timeout", Duration.class, Duration.ofSeconds(2));
    }

    @Bean
    @ConditionalOnClass(Admin.class)
    BrokerHealth brokerHealthIndicator(Environment environment) {
        Map<String, Object> config = new HashMap<>(Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, List.of(environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092").split(",")));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "numi") + "-health");
        Duration timeout = timeout(environment);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return new BrokerHealth(config, timeout);
    }

    /**
     * Always defined where the Mongo classes are (the readiness group names it, and Boot refuses a group naming a
     * contributor that does not exist); the template is looked up when asked, after every auto-configuration ran.
     */
    @Bean
    @ConditionalOnClass(ReactiveMongoTemplate.class)
    ReactiveHealthIndicator databaseHealthIndicator(ObjectProvider<ReactiveMongoTemplate> templates, Environment environment) {
        Duration timeout = timeout(environment);
        return () -> Mono.defer(() -> {
                    ReactiveMongoTemplate mongo = templates.getIfAvailable();
                    return mongo == null ? Mono.error(new IllegalStateException("no MongoDB template in this service")) : mongo.getMongoDatabase();
                })
                .flatMap(database -> Mono.from(database.runCommand(new Document("ping", 1)))
                        .map(answer -> Health.up().withDetail("database", database.getName()).build()))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", describe(e)).build()));
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The Kafka cluster, asked through one admin client kept for the instance's life. */
    public static final class BrokerHealth implements ReactiveHealthIndicator, DisposableBean {

        private final Map<String, Object> config;
        private final Duration timeout;
        private volatile Admin admin;

        BrokerHealth(Map<String, Object> config, Duration timeout) {
            this.config = config;
            this.timeout = timeout;
        }

        @Override
        public Mono<Health> health() {
            return Mono.fromCallable(() -> admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                            .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS))
                    .subscribeOn(Schedulers.boundedElastic())
                    .map(nodes -> nodes.isEmpty() ? Health.down().withDetail("nodes", 0).build()
                            : Health.up().withDetail("nodes", nodes.size()).build())
                    .onErrorResume(e -> Mono.just(Health.down().withDetail("error", describe(e.getCause() == null ? e : e.getCause())).build()));
        }

        private Admin admin() {
            Admin current = admin;
            if (current == null) {
                synchronized (this) {
                    if (admin == null) {
                        admin = Admin.create(config);
                    }
                    current = admin;
                }
            }
            return current;
        }

        @Override
        public void destroy() {
            Admin current = admin;
            if (current != null) {
                current.close(Duration.ofSeconds(2));
            }
        }
    }
}
