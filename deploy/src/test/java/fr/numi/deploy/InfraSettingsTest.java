package fr.numi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InfraSettingsTest {

    @Nested
    class Defaults {

        @Test
        void shouldListenOnLoopbackWithTheUsualPortsWhenNothingIsSet() {
            // when
            var settings = InfraSettings.resolve(Map.of(), new Properties());

            // then
            assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
            assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
            assertThat(settings.controllerPort()).isEqualTo(9093);
            assertThat(settings.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
            assertThat(settings.kafkaPartitions()).isEqualTo(6);
            assertThat(settings.dataDir()).isEqualTo(Path.of(".numi-local/data").toAbsolutePath());
        }

        @Test
        void shouldKeepKafkaAndMongoDataInsideTheDataFolder() {
            // given
            var settings = InfraSettings.resolve(Map.of("NUMI_DATA_DIR", "/srv/numi"), new Properties());

            // then
            assertThat(settings.kafkaLogDir()).isEqualTo(Path.of("/srv/numi/kafka"));
            assertThat(settings.mongoFile()).isEqualTo(Path.of("/srv/numi/mongo/numi.mv.db"));
        }
    }

    @Nested
    class Overrides {

        @Test
        void shouldTakeEveryValueFromTheEnvironment() {
            // given
            var env = Map.of(
                    "NUMI_BIND_HOST", "192.168.1.20",
                    "NUMI_KAFKA_PORT", "19092",
                    "NUMI_KAFKA_CONTROLLER_PORT", "19093",
                    "NUMI_MONGO_PORT", "37017",
                    "NUMI_KAFKA_PARTITIONS", "4",
                    "NUMI_DATA_DIR", "/tmp/numi-data",
                    "NUMI_SMTP_PORT", "13025",
                    "NUMI_MAILBOX_PORT", "18025");

            // when
            var settings = InfraSettings.resolve(env, new Properties());

            // then
            assertThat(settings)
                    .isEqualTo(new InfraSettings("192.168.1.20", 19092, 19093, 37017, 4, Path.of("/tmp/numi-data"), 13025, 18025));
            assertThat(settings.kafkaBootstrap()).isEqualTo("192.168.1.20:19092");
            assertThat(settings.mongoUri()).isEqualTo("mongodb://192.168.1.20:37017");
        }

        @Test
        void shouldPreferASystemPropertyOverTheEnvironmentVariableOfTheSameName() {
            // given
            var env = Map.of("NUMI_KAFKA_PORT", "19092", "NUMI_MONGO_PORT", "37017");
            var systemProperties = new Properties();
            systemProperties.setProperty("NUMI_KAFKA_PORT", "29092");

            // when
            var settings = InfraSettings.resolve(env, systemProperties);

            // then
            assertThat(settings.kafkaPort()).isEqualTo(29092);
            assertThat(settings.mongoPort()).isEqualTo(37017);
        }

        @Test
        void shouldUseTheDefaultWhenAValueIsBlank() {
            // when
            var settings =
                    InfraSettings.resolve(Map.of("NUMI_KAFKA_PORT", "  ", "NUMI_BIND_HOST", ""), new Properties());

            // then
            assertThat(settings.kafkaPort()).isEqualTo(9092);
            assertThat(settings.bindHost()).isEqualTo("127.0.0.1");
        }

        @Test
        void shouldMakeARelativeDataFolderAbsolute() {
            // when
            var settings = InfraSettings.resolve(Map.of("NUMI_DATA_DIR", "some/../data"), new Properties());

            // then
            assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        }
    }

    @Nested
    class Rejections {

        @Test
        void shouldRejectAPortThatIsNotANumber() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfraSettings.resolve(Map.of("NUMI_MONGO_PORT", "mongo"), new Properties()))
                    .withMessage("NUMI_MONGO_PORT must be a number, was 'mongo'");
        }

        @Test
        void shouldRejectAPortOutOfRange() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfraSettings.resolve(Map.of("NUMI_KAFKA_PORT", "70000"), new Properties()))
                    .withMessage("NUMI_KAFKA_PORT must be a TCP port (1-65535), was 70000");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfraSettings.resolve(Map.of("NUMI_KAFKA_PORT", "0"), new Properties()))
                    .withMessage("NUMI_KAFKA_PORT must be positive, was 0");
        }

        @Test
        void shouldRejectTheWildcardAddressBecauseKafkaAdvertisesIt() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfraSettings.resolve(Map.of("NUMI_BIND_HOST", "0.0.0.0"), new Properties()))
                    .withMessageContaining("must be an address clients can reach");
        }

        @Test
        void shouldRejectTwoServersOnTheSamePort() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> InfraSettings.resolve(Map.of("NUMI_MONGO_PORT", "9093"), new Properties()))
                    .withMessageContaining("three distinct ports");
        }
    }
}
