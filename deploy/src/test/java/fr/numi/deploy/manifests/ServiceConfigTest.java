package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service reads what its application.yml says and what the files it imports say (numi-defaults.yml). */
class ServiceConfigTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldReadTheVariablesAndPropertiesOfTheImportedDefaultsForEveryService() {
        Map<String, ServiceConfig> configs = ServiceConfig.load(ROOT);

        assertThat(configs.values()).allSatisfy(config -> {
            assertThat(config.reads("NUMI_MONGO_HEALTH")).as(config.service() + " reads NUMI_MONGO_HEALTH through numi-defaults.yml")
                    .isTrue();
            assertThat(config.reads("SPRING_KAFKA_PRODUCER_ACKS")).as(config.service()).isTrue();
            assertThat(config.reads("NUMI_NO_SUCH_SETTING")).as(config.service()).isFalse();
        });
    }

    @Test
    void shouldFindAClasspathImportInContractsResourcesAndRefuseOneThatIsNowhere() {
        assertThat(ServiceConfig.imports(ROOT, "intake-service", Map.of("spring", Map.of("config", Map.of("import",
                "classpath:numi-defaults.yml, optional:classpath:nowhere.yml")))))
                .containsExactly(ROOT.resolve("contracts/src/main/resources/numi-defaults.yml"));
        assertThatThrownBy(() -> ServiceConfig.imports(ROOT, "intake-service",
                Map.of("spring", Map.of("config", Map.of("import", "classpath:nowhere.yml")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nowhere.yml");
    }
}
