package fr.numi.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags the stacks of the tests, the benchmark and the fault suite start with ({@link LocalStack}) are the local
 * run's (deploy/local/numi-local.sh), and docs/operations.md says what they are: one set of defaults, written twice
 * because one is shell and one is Java, checked here.
 */
class JvmFlagsTest {

    static final Path LOCAL_RUN = Path.of("local/numi-local.sh");
    static final Path OPERATIONS = Path.of("../docs/operations.md");

    @Test
    void shouldStartTheStacksWithTheLocalRunsFlags() throws IOException {
        String script = Files.readString(LOCAL_RUN);
        assertThat(shellDefault(script, "SERVICE_JAVA_OPTS")).isEqualTo(LocalStack.SERVICE_JVM_DEFAULT);
        assertThat(shellDefault(script, "INFRA_JAVA_OPTS")).isEqualTo(LocalStack.INFRA_JVM_DEFAULT);
    }

    @Test
    void shouldDocumentTheFlags() throws IOException {
        String operations = Files.readString(OPERATIONS);
        assertThat(operations)
                .contains("| `NUMI_SERVICE_JAVA_OPTS` | `" + LocalStack.SERVICE_JVM_DEFAULT + "` |")
                .contains("| `NUMI_INFRA_JAVA_OPTS` | `" + LocalStack.INFRA_JVM_DEFAULT + "` |");
    }

    /** The default of {@code NAME="${NUMI_NAME:-default}"} in a shell script. */
    static String shellDefault(String script, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=\"\\$\\{NUMI_" + name + ":-(.*)}\"$").matcher(script);
        assertThat(m.find()).as("%s's default in %s", name, LOCAL_RUN).isTrue();
        return m.group(1);
    }
}
