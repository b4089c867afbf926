package fr.numi.deploy.observability;

import com.jayway.jsonpath.JsonPath;
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
import org.yaml.snakeyaml.Yaml;

/** deploy/observability read as data: the rules' and the boards' PromQL and the metric names it reads. */
final class Observability {

    static final Path DIR = Path.of("..").toAbsolutePath().normalize().resolve("deploy/observability");

    /** PromQL's words that look like metric names: aggregations, functions, keywords. */
    private static final Set<String> PROMQL = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk",
            "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "offset", "bool", "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "histogram_quantile",
            "vector", "scalar", "time", "abs", "ceil", "floor", "round", "clamp_min", "clamp_max", "absent", "absent_over_time",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time", "changes",
            "resets", "label_replace", "label_join", "sort", "sort_desc", "timestamp", "inf", "nan");
    /** Series Prometheus itself makes. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds");

    private Observability() {}

    static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Every expr of every rule file. */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (Path file : files("rules", ".rules.yml")) {
            Map<String, Object> rules = new Yaml().load(Files.readString(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    exprs.add(String.valueOf(rule.get("expr")));
                }
            }
        }
        return exprs;
    }

    /** The recording rules' names (level:metric:operation). */
    @SuppressWarnings("unchecked")
    static Set<String> recorded() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : files("rules", ".rules.yml")) {
            Map<String, Object> rules = new Yaml().load(Files.readString(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    if (rule.get("record") != null) {
                        names.add((String) rule.get("record"));
                    }
                }
            }
        }
        return names;
    }

    static List<String> boardExpressions(Path board) throws IOException {
        return JsonPath.read(board.toFile(), "$..targets[*].expr");
    }

    /** The series names a PromQL expression reads (label matchers, grouping labels, strings and durations left out). */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher words = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w(])").matcher(bare);
        while (words.find()) {
            String word = words.group();
            if (!PROMQL.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
