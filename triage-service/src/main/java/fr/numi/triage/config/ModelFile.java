package fr.numi.triage.config;

import fr.numi.triage.qualification.domain.Category;
import fr.numi.triage.qualification.domain.DecisionPolicy;
import fr.numi.triage.qualification.domain.LinearModel;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.TriageModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped model file ({@code triage/model-v1.json}): written by the train command, read and checked at
 * start-up (a bad file stops the service, naming the file and every fault). Text JSON, one feature a line,
 * weights rounded to {@value #DECIMALS} decimals, everything in a fixed order: the same model always gives
 * the same bytes.
 *
 * <pre>
 * {"format": "numi-triage-model/1", "version": "triage-model-2026-12-3", "rulesVersion": "1.4.0",
 *  "trainedOn": {"cases": N, "sha256": "…", "files": […]}, "settings": {…}, "policy": {…},
 *  "categories": [ids…], "bias": {"level": [3], "category": [C], "tier": x},
 *  "rows": [[feature, idf, [3 level weights], [C category weights], tier weight], …]}
 * </pre>
 */
public final class ModelFile {

    public static final String FORMAT = "numi-triage-model/1";
    static final int DECIMALS = 5;

    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("format", "version", "rulesVersion", "trainedOn", "settings", "policy",
            "categories", "bias", "rows");

    private ModelFile() {}

    /** Where the model came from, written into the file for whoever reads it later. */
    public record TrainedOn(int cases, String sha256, List<String> files, Map<String, Object> settings) {}

    /** Reads and checks a model file against the rules it must work with. @throws InvalidModelException naming every problem */
    public static TriageModel load(Resource resource, RuleSet rules) {
        try (InputStream in = resource.getInputStream()) {
            return parse(resource.getDescription(), in.readAllBytes(), rules);
        } catch (IOException e) {
            throw new InvalidModelException(resource.getDescription(), List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static TriageModel parse(String source, byte[] json, RuleSet rules) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidModelException(source, List.of("not a readable model file: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidModelException(source, List.of("the file is empty or not a JSON object"));
        }
        root.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                problems.add("unknown field '" + name + "'");
            }
        });
        if (!FORMAT.equals(root.path("format").asString(""))) {
            problems.add("format must be '" + FORMAT + "', was '" + root.path("format").asString("") + "'");
        }
        String version = text(root, "version", problems);
        String rulesVersion = text(root, "rulesVersion", problems);
        if (rulesVersion != null && !rulesVersion.equals(rules.version())) {
            problems.add("trained with rules " + rulesVersion + " but the rules file is version " + rules.version()
                    + ": train the model again");
        }
        List<String> categories = new ArrayList<>();
        JsonNode cats = root.path("categories");
        if (!cats.isArray() || cats.isEmpty()) {
            problems.add("categories must be a non-empty list of category ids");
        } else {
            for (JsonNode c : cats) {
                categories.add(c.asString(""));
            }
            Set<String> known = new HashSet<>();
            for (Category c : rules.categories()) {
                known.add(c.id());
            }
            if (!new HashSet<>(categories).equals(known) || categories.size() != known.size()) {
                problems.add("categories " + categories + " are not the rules' categories " + known);
            }
        }
        DecisionPolicy policy = policy(root.path("policy"), problems);
        JsonNode bias = root.path("bias");
        double[] levelBias = numbers(bias.path("level"), 3, "bias.level", problems);
        double[] categoryBias = numbers(bias.path("category"), categories.size(), "bias.category", problems);
        double tierBias = number(bias.path("tier"), "bias.tier", problems);
        List<LinearModel.Row> rows = new ArrayList<>();
        JsonNode rowNodes = root.path("rows");
        if (!rowNodes.isArray() || rowNodes.isEmpty()) {
            problems.add("rows must be a non-empty list");
        } else {
            Set<String> seen = new HashSet<>();
            int i = 0;
            for (JsonNode row : rowNodes) {
                String where = "rows[" + i++ + "]";
                if (!row.isArray() || row.size() != 5 || !row.get(0).isString()) {
                    problems.add(where + ": must be [feature, idf, [3 level weights], [category weights], tier weight]");
                    continue;
                }
                String feature = row.get(0).asString();
                where += " (" + feature + ")";
                if (!seen.add(feature)) {
                    problems.add(where + ": declared twice");
                }
                double idf = number(row.get(1), where + " idf", problems);
                if (!(idf > 0)) {
                    problems.add(where + ": idf must be positive, was " + idf);
                }
                double[] level = numbers(row.get(2), 3, where + " level", problems);
                double[] category = numbers(row.get(3), categories.size(), where + " category", problems);
                double tier = number(row.get(4), where + " tier", problems);
                if (problems.size() > 50) {
                    problems.add("… (stopped after 50 problems)");
                    break;
                }
                rows.add(new LinearModel.Row(feature, idf, level, category, tier));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(source, problems);
        }
        return new TriageModel(new LinearModel(version, categories, rows, levelBias, categoryBias, tierBias), policy, rulesVersion);
    }

    /** The model as file text. Same model, same bytes. */
    public static String write(TriageModel model, TrainedOn trainedOn) {
        LinearModel linear = model.linear();
        StringBuilder out = new StringBuilder(1 << 20);
        out.append("{\n");
        out.append("  \"format\": ").append(quote(FORMAT)).append(",\n");
        out.append("  \"version\": ").append(quote(linear.version())).append(",\n");
        out.append("  \"rulesVersion\": ").append(quote(model.rulesVersion())).append(",\n");
        out.append("  \"trainedOn\": {\"cases\": ").append(trainedOn.cases()).append(", \"sha256\": ").append(quote(trainedOn.sha256()))
                .append(", \"files\": [");
        for (int i = 0; i < trainedOn.files().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(trainedOn.files().get(i)));
        }
        out.append("]},\n");
        out.append("  \"settings\": {");
        int s = 0;
        for (Map.Entry<String, Object> e : trainedOn.settings().entrySet()) {
            out.append(s++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ")
                    .append(e.getValue() instanceof String v ? quote(v) : String.valueOf(e.getValue()));
        }
        out.append("},\n");
        DecisionPolicy p = model.policy();
        out.append("  \"policy\": {\"suspected\": ").append(p.suspected()).append(", \"emergency\": ").append(p.emergency())
                .append(", \"emergencyTier\": ").append(p.emergencyTier()).append(", \"guardEmergency\": ").append(p.guardEmergency())
                .append(", \"levelOne\": ").append(p.levelOne()).append(", \"review\": ").append(p.review())
                .append(", \"categoryReview\": ").append(p.categoryReview()).append("},\n");
        out.append("  \"categories\": [");
        for (int i = 0; i < linear.categories().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(linear.categories().get(i)));
        }
        out.append("],\n");
        out.append("  \"bias\": {\"level\": ");
        array(out, linear.levelBias());
        out.append(", \"category\": ");
        array(out, linear.categoryBias());
        out.append(", \"tier\": ").append(decimal(linear.tierBias())).append("},\n");
        out.append("  \"rows\": [\n");
        List<LinearModel.Row> rows = linear.rows();
        for (int i = 0; i < rows.size(); i++) {
            LinearModel.Row r = rows.get(i);
            out.append("    [").append(quote(r.feature())).append(", ").append(decimal(r.idf())).append(", ");
            array(out, r.level());
            out.append(", ");
            array(out, r.category());
            out.append(", ").append(decimal(r.tier())).append(i + 1 < rows.size() ? "],\n" : "]\n");
        }
        out.append("  ]\n}\n");
        return out.toString();
    }

    /** A weight as it is written, so a model read back from its file is exactly the one evaluated. */
    public static double rounded(double value) {
        return new BigDecimal(decimal(value)).doubleValue();
    }

    private static DecisionPolicy policy(JsonNode node, List<String> problems) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : List.of("suspected", "emergency", "emergencyTier", "guardEmergency", "levelOne", "review", "categoryReview")) {
            values.put(name, number(node.path(name), "policy." + name, problems));
        }
        try {
            return new DecisionPolicy(values.get("suspected"), values.get("emergency"), values.get("emergencyTier"),
                    values.get("guardEmergency"), values.get("levelOne"), values.get("review"), values.get("categoryReview"));
        } catch (IllegalArgumentException e) {
            problems.add("policy: " + e.getMessage());
            return null;
        }
    }

    private static String text(JsonNode root, String field, List<String> problems) {
        String value = root.path(field).isString() ? root.path(field).asString() : null;
        if (value == null || value.isBlank()) {
            problems.add(field + " must be a non-empty string");
            return null;
        }
        return value;
    }

    private static double number(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            problems.add(where + " must be a finite number");
            return Double.NaN;
        }
        return node.asDouble();
    }

    private static double[] numbers(JsonNode node, int size, String where, List<String> problems) {
        double[] values = new double[size];
        if (node == null || !node.isArray() || node.size() != size) {
            problems.add(where + " must be " + size + " numbers");
            return values;
        }
        for (int i = 0; i < size; i++) {
            values[i] = number(node.get(i), where + "[" + i + "]", problems);
        }
        return values;
    }

    private static void array(StringBuilder out, double[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(decimal(values[i]));
        }
        out.append(']');
    }

    private static String decimal(double value) {
        String plain = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
