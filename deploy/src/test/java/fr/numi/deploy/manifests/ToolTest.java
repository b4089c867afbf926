package fr.numi.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing kubectl or docker-compose fails CI with the command that installs it, and skips elsewhere. */
class ToolTest {

    @Test
    void shouldFailUnderCiAndNotSkipWhenKubectlIsMissing() {
        assertThatThrownBy(() -> Tool.require("kubectl", KubernetesTest.INSTALL, Map.of("CI", "true", "PATH", "/nonexistent")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kubectl not found")
                .hasMessageContaining("apt-get install -y --no-install-recommends kubernetes-client")
                .hasMessageContaining("CI is set");
    }

    @Test
    void shouldSkipOutsideCiWhenDockerComposeIsMissing() {
        assertThatThrownBy(() -> Tool.require("docker-compose", ComposeTest.INSTALL, Map.of("PATH", "/nonexistent")))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get update && apt-get install -y --no-install-recommends docker-compose");
    }

    @Test
    void shouldFindTheToolOnThePath() {
        assertThat(Tool.locate("sh", Map.of("PATH", "/nonexistent:/bin:/usr/bin"))).isPresent();
    }
}
