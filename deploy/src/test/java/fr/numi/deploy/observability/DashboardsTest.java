package fr.numi.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import fr.numi.deploy.manifests.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Grafana boards: each query is PromQL that promtool accepts, reads the provisioned
 * datasource, and names only recording rules that exist; the alerts a panel points to exist.
 * ObservabilityIT checks the raw metric names against the five running services.
 */
class DashboardsTest {

    static Stream<Path> boards() throws IOException {
        return Observability.files("grafana/dashboards", ".json").stream();
    }

    @Test
    void shouldProvisionTheKpiAndTheHealthBoards() throws IOException {
        assertThat(boards()).extracting(b -> b.getFileName().toString()).containsExactlyInAnyOrder("numi-kpis.json", "numi-health.json");
        List<String> uids = boards().map(b -> {
            try {
                return JsonPath.<String>read(b.toFile(), "$.uid");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(uids).doesNotHaveDuplicates().contains("numi-health");
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldQueryOnlyTheProvisionedDatasource(Path board) throws IOException {
        List<String> datasources = JsonPath.read(board.toFile(), "$..targets[*].datasource.uid");
        List<String> exprs = Observability.boardExpressions(board);

        assertThat(exprs).isNotEmpty();
        assertThat(datasources).hasSameSizeAs(exprs).containsOnly("numi-prometheus");
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldWriteEveryQueryInPromqlThatPromtoolAccepts(Path board, @TempDir Path dir) throws Exception {
        Tool promtool = Tool.require("promtool", "apt-get install -y --no-install-recommends prometheus", System.getenv());
        List<String> exprs = Observability.boardExpressions(board);
        StringBuilder rules = new StringBuilder("groups:\n  - name: board\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("      - record: board:query:").append(i).append("\n        expr: '").append(exprs.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("board.rules.yml"), rules);

        Tool.Result result = promtool.run(dir, Map.of(), "check", "rules", "board.rules.yml");

        assertThat(result.exitCode()).as("promtool check rules on %s's queries\n%s", board.getFileName(), result.output()).isZero();
    }

    @ParameterizedTest
    @MethodSource("boards")
    void shouldReadOnlyRecordingRulesThatExist(Path board) throws IOException {
        Set<String> read = new TreeSet<>();
        Observability.boardExpressions(board).forEach(e -> Observability.metricNames(e).stream().filter(n -> n.contains(":")).forEach(read::add));

        assertThat(Observability.recorded()).containsAll(read);
    }

    @Test
    void shouldPointOnlyToAlertsThatExist() throws IOException {
        Path health = Observability.DIR.resolve("grafana/dashboards/numi-health.json");
        Set<String> named = new TreeSet<>();
        Matcher alerts = Pattern.compile("\\bNumi[A-Z][A-Za-z0-9]+").matcher(Files.readString(health));
        while (alerts.find()) {
            named.add(alerts.group());
        }
        Set<String> defined = new TreeSet<>();
        for (Path rules : Observability.files("rules", ".rules.yml")) {
            Matcher m = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(Files.readString(rules));
            while (m.find()) {
                defined.add(m.group(1));
            }
        }

        assertThat(named).isNotEmpty();
        assertThat(defined).containsAll(named);
    }

    @Test
    void shouldFindTheSeriesAQueryReads() {
        assertThat(Observability.metricNames(
                "sum by (application, instance) (jvm_memory_used_bytes{area=\"heap\"}) / sum by (application) (x_max{a=\"b\"} > 0) "
                        + "and on (job) rate(http_server_requests_seconds_count{uri!~\"/actuator.*\"}[5m] offset 1h) or level:numi_a:ratio7d"))
                .containsExactlyInAnyOrder("jvm_memory_used_bytes", "x_max", "http_server_requests_seconds_count", "level:numi_a:ratio7d");
    }
}
