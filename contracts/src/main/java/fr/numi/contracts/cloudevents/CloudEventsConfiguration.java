package fr.numi.contracts.cloudevents;

import com.mongodb.reactivestreams.client.MongoClient;
import fr.numi.contracts.privacy.CustomerKeys;
import fr.numi.contracts.privacy.MasterKey;
import fr.numi.contracts.privacy.MongoCustomerKeys;
import fr.numi.contracts.privacy.PersonalFields;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link EventWriter} and {@link EventReader} of a service, configured the same way everywhere: {@code ce_source}
 * is {@code /numi/<spring.application.name>}, bodies go through the service's {@link JsonMapper}, fields are checked by
 * its Bean Validation {@link Validator}, personal fields are sealed and opened with the customers' keys of the key
 * store ({@code numi.privacy.*} of numi-defaults.yml). A service imports it: {@code @Import(CloudEventsConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class CloudEventsConfiguration {

    @Bean
    PersonalFields personalFields() {
        return PersonalFields.fromContracts();
    }

    /** The key store: MongoDB's {@code customer_keys} unless the service defines another {@link CustomerKeys} (a KMS). */
    @Bean
    @ConditionalOnMissingBean(CustomerKeys.class)
    MongoCustomerKeys customerKeys(MongoClient mongo, @Value("${numi.privacy.master-key:}") String masterKey,
            @Value("${numi.privacy.key-database:numi-keys}") String database,
            @Value("${numi.privacy.key-cache-ttl:60s}") Duration cacheFor, ObjectProvider<Clock> clock) {
        return new MongoCustomerKeys(mongo.getDatabase(database), MasterKey.of(masterKey), cacheFor,
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    EventWriter eventWriter(JsonMapper json, @Value("${spring.application.name}") String service, PersonalFields personal,
            CustomerKeys keys) {
        return new EventWriter("/numi/" + service, json, personal, keys);
    }

    @Bean
    EventReader eventReader(JsonMapper json, Validator validator, PersonalFields personal, CustomerKeys keys) {
        return new EventReader(json, validator, personal, keys);
    }
}
