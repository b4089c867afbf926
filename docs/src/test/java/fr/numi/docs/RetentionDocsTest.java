package fr.numi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/privacy.md's Retention section names every retention setting the services have ({@code numi.retention.*} of each
 * application.yml and of numi-defaults.yml, and triage's decision retention), with its environment variable and its
 * default, so a kind of data given a retention in code cannot go undocumented (nor its legal basis unsaid).
 */
class RetentionDocsTest {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(NUMI_[A-Z_]+):([^}]*)}");

    final ServiceConfigs configs = ServiceConfigs.load();

    String retentionSection() throws IOException {
        String privacy = Files.readString(DocsTest.ROOT.resolve("docs/privacy.md"));
        int start = privacy.indexOf("\n## Retention\n");
        assertThat(start).as("docs/privacy.md has a Retention section").isPositive();
        int end = privacy.indexOf("\n## ", start + 1);
        return end < 0 ? privacy.substring(start) : privacy.substring(start, end);
    }

    @Test
    void shouldNameEveryServicesRetentionSettingWithItsVariableAndDefault() throws IOException {
        String section = retentionSection();
        int settings = 0;
        for (String service : ServiceConfigs.SERVICES) {
            Map<String, Object> retention = ServiceConfigs.map(ServiceConfigs.at(configs.files().get(service), "numi", "retention"));
            if (!service.equals("triage-service")) { // its one kind keeps its older setting, numi.triage.decision-retention
                assertThat(retention).as(service + " sets numi.retention.*").isNotEmpty();
            }
            for (Map.Entry<String, Object> setting : retention.entrySet()) {
                assertDocumented(section, "numi.retention." + setting.getKey(), String.valueOf(setting.getValue()));
                settings++;
            }
        }
        assertDocumented(section, "numi.triage.decision-retention",
                String.valueOf(ServiceConfigs.at(configs.files().get("triage-service"), "numi", "triage", "decision-retention")));
        assertThat(settings).isGreaterThanOrEqualTo(11);
    }

    @Test
    void shouldNameTheSharedJobSettings() throws IOException {
        String section = retentionSection();
        Map<String, Object> job = ServiceConfigs.map(ServiceConfigs.at(configs.defaults(), "numi", "retention"));
        assertThat(job).containsKeys("purge-every", "first-purge-after");
        for (Object value : job.values()) {
            Matcher m = PLACEHOLDER.matcher(String.valueOf(value));
            assertThat(m.find()).as(String.valueOf(value)).isTrue();
            assertThat(section).contains(m.group(1));
        }
    }

    private static void assertDocumented(String section, String key, String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        assertThat(m.matches()).as(key + " is read from an environment variable: " + value).isTrue();
        assertThat(section).as(key + " in docs/privacy.md's Retention section")
                .contains("`" + key + "` (`" + m.group(1) + "`, `" + m.group(2) + "`");
    }
}
