package fr.numi.contracts.retention;

import com.mongodb.reactivestreams.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link RetentionJob} of a service, over the {@link RetentionPurge} beans it defines, in its own database
 * ({@code spring.mongodb.database}); {@code numi.retention.purge-every} and {@code numi.retention.first-purge-after} of
 * numi-defaults.yml. A service imports it: {@code @Import(RetentionConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionConfiguration {

    @Bean
    RetentionJob retentionJob(MongoClient mongo, @Value("${spring.mongodb.database}") String database, List<RetentionPurge> purges,
            @Value("${numi.retention.purge-every:1h}") Duration every,
            @Value("${numi.retention.first-purge-after:1m}") Duration firstAfter, ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        return new RetentionJob(mongo.getDatabase(database), purges, every, firstAfter, clock.getIfUnique(Clock::systemUTC),
                meters.getIfUnique());
    }
}
