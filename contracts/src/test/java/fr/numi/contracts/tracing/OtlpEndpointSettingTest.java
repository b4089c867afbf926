package fr.numi.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class OtlpEndpointSettingTest {

    static MockEnvironment endpoint(String value) {
        MockEnvironment environment = new MockEnvironment();
        if (value != null) {
            environment.setProperty(OtlpEndpointSetting.ENDPOINT, value);
        }
        return environment;
    }

    static String after(MockEnvironment environment) {
        new OtlpEndpointSetting().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(OtlpEndpointSetting.ENDPOINT);
    }

    @Test
    void shouldTurnTheExporterOffWhenTheVariableIsSetButEmpty() {
        assertThat(after(endpoint(""))).isEqualTo("false");
        assertThat(after(endpoint("  "))).isEqualTo("false");
    }

    @Test
    void shouldLeaveUnsetFalseAndUrlsAsTheyAre() {
        assertThat(after(endpoint(null))).isNull();
        assertThat(after(endpoint("false"))).isEqualTo("false");
        assertThat(after(endpoint("http://otel-collector:4318/v1/traces"))).isEqualTo("http://otel-collector:4318/v1/traces");
        assertThat(after(endpoint("https://otlp.example.org/v1/traces"))).isEqualTo("https://otlp.example.org/v1/traces");
    }

    @Test
    void shouldRefuseAValueThatIsNotAnHttpUrlNamingTheVariableNotTheValue() {
        assertThatThrownBy(() -> after(endpoint("collector.internal:4318")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("NUMI_OTLP_ENDPOINT")
                .hasMessageNotContaining("collector.internal");
    }
}
