package fr.numi.feedback.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/observability checked by Prometheus' own tool: {@code promtool check config},
 * {@code check rules} and {@code test rules} (every alert has a unit test); the Grafana dashboard
 * reads only series the rules record or the services expose. Fails under CI when promtool is
 * missing ({@value Promtool#INSTALL}).
 */
class ObservabilityRulesTest {

    static final Path DIR = Path.of("..", "deploy", "observability").toAbsolutePath().normalize();
    static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)");
    static final Pattern RECORD = Pattern.compile("(?m)^\\s*- record: (\\S+)");
    static final Pattern TESTED_ALERT = Pattern.compile("(?m)^\\s*alertname: (\\S+)");

    private static Promtool promtool;

    /** Per test, so a skip is reported per test and the tests that need no promtool still run. */
    private static synchronized Promtool promtool() {
        if (promtool == null) {
            promtool = Promtool.require(System.getenv());
        }
        return promtool;
    }

    static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    static Stream<Path> ruleTests() throws IOException {
        return files("tests", ".test.yml").stream();
    }

    static Set<String> matches(Pattern pattern, List<Path> files) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path file : files) {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static void assertSucceeds(String... args) throws Exception {
        Promtool.Result result = promtool().run(DIR, args);
        assertThat(result.exitCode()).as("promtool %s\n%s", String.join(" ", args), result.output()).isZero();
    }

    @Test
    void shouldPassPromtoolCheckConfigWithItsRuleFiles() throws Exception {
        assertSucceeds("check", "config", "prometheus.yml");
        assertThat(Files.readString(DIR.resolve("prometheus.yml")))
                .contains("127.0.0.1:9080", "127.0.0.1:9081", "127.0.0.1:9082", "127.0.0.1:9083", "127.0.0.1:9084")
                .contains("metrics_path: /actuator/prometheus");
    }

    @Test
    void shouldPassPromtoolCheckRules() throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        files("rules", ".rules.yml").forEach(f -> args.add(DIR.relativize(f).toString()));
        assertSucceeds(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("ruleTests")
    void shouldPassPromtoolTestRules(Path test) throws Exception {
        assertSucceeds("test", "rules", DIR.relativize(test).toString());
    }

    @Test
    void shouldHaveAUnitTestForEveryAlert() throws Exception {
        Set<String> alerts = matches(ALERT, files("rules", ".rules.yml"));
        Set<String> tested = matches(TESTED_ALERT, files("tests", ".test.yml"));

        assertThat(alerts).contains("NumiSatisfactionBelowTarget", "NumiFirstResponseP90AboveTarget",
                "NumiFirstContactResolutionBelowTarget", "NumiCyberTicketNotPickedUpByLevel3", "NumiDeadLetterTopicGrowing",
                "NumiConsumerLagHigh");
        assertThat(tested).containsAll(alerts);
    }

    @Test
    void shouldShowEveryPublishedTargetOnTheDashboardFromSeriesThatExist() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DIR.resolve("grafana/dashboards/numi-kpis.json")));
        Set<String> recorded = matches(RECORD, files("rules", ".rules.yml"));
        List<String> exprs = dashboard.findValues("expr").stream().map(JsonNode::asString).toList();
        Set<String> recordedUsed = new TreeSet<>();
        exprs.forEach(e -> {
            Matcher m = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+").matcher(e);
            while (m.find()) {
                recordedUsed.add(m.group());
            }
        });

        assertThat(recorded).containsAll(recordedUsed);
        assertThat(recordedUsed).contains("numi:target:satisfaction_ratio", "numi:target:first_response_seconds",
                "numi:target:first_contact_resolution_ratio", "numi:target:availability_ratio",
                "level:numi_satisfaction:ratio7d", "channel:numi_satisfaction:ratio7d", "level:numi_first_response_seconds:p90_7d",
                "channel:numi_first_response_seconds:p90_7d", "level:numi_first_contact_resolution:ratio7d",
                "channel:numi_first_contact_resolution:ratio7d", "level:numi_availability:ratio7d");
        assertThat(dashboard.findValues("uid").stream().map(JsonNode::asString)).contains("numi-prometheus");
        assertThat(Files.readString(DIR.resolve("grafana/provisioning/datasources/prometheus.yml"))).contains("uid: numi-prometheus");
        assertThat(Files.readString(DIR.resolve("grafana/provisioning/dashboards/numi.yml"))).contains("type: file");
    }

    @Test
    void shouldFailUnderCiAndNotSkipWhenPromtoolIsMissing() {
        Map<String, String> ci = Map.of("CI", "true", "PATH", "/nonexistent");

        assertThatThrownBy(() -> Promtool.require(ci))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("promtool not found")
                .hasMessageContaining("apt-get install -y --no-install-recommends prometheus");
    }

    @Test
    void shouldSkipOutsideCiWhenPromtoolIsMissing() {
        assertThatThrownBy(() -> Promtool.require(Map.of("PATH", "/nonexistent")))
                .isInstanceOf(org.opentest4j.TestAbortedException.class);
    }
}
