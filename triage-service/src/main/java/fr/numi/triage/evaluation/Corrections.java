package fr.numi.triage.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How often agents corrected triage, per category triage chose, from a file written by
 * {@code export-corrections}: each line is a decision triage took, with {@code "triage": {"level", "category",
 * "cyberTier"}} (what it decided), {@code "corrected"} and, in {@code expected}, the agent's label when corrected.
 */
public final class Corrections {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Corrections() {}

    /** Per category: decisions, corrected, and what the corrections changed. */
    public record Line(int decisions, int corrected, int level, int category, int tier) {

        Line plus(boolean corrected, boolean level, boolean category, boolean tier) {
            return new Line(decisions + 1, this.corrected + (corrected ? 1 : 0), this.level + (level ? 1 : 0),
                    this.category + (category ? 1 : 0), this.tier + (tier ? 1 : 0));
        }

        double rate() {
            return decisions == 0 ? 0 : (double) corrected / decisions;
        }
    }

    /** The report, by triage's category. */
    public record Report(Map<String, Line> byCategory) {

        public int decisions() {
            return byCategory.values().stream().mapToInt(Line::decisions).sum();
        }

        public int corrected() {
            return byCategory.values().stream().mapToInt(Line::corrected).sum();
        }

        public String json() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "{\"decisions\":%d,\"corrected\":%d,\"correctionRate\":%.4f,\"byCategory\":{",
                    decisions(), corrected(), decisions() == 0 ? 0 : (double) corrected() / decisions()));
            int i = 0;
            for (Map.Entry<String, Line> e : byCategory.entrySet()) {
                b.append(i++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":")
                        .append(String.format(Locale.ROOT, "{\"decisions\":%d,\"corrected\":%d,\"rate\":%.4f}", e.getValue().decisions(),
                                e.getValue().corrected(), e.getValue().rate()));
            }
            return b.append("}}").toString();
        }

        public void print(PrintStream out) {
            out.println("agents' corrections, by the category triage chose");
            out.println("  category                decisions corrected   rate  level category tier");
            byCategory.forEach((category, l) -> out.printf(Locale.ROOT, "  %-22s %10d %9d %6.3f %6d %8d %4d%n", category,
                    l.decisions(), l.corrected(), l.rate(), l.level(), l.category(), l.tier()));
            out.printf(Locale.ROOT, "  all                    %10d %9d %6.3f%n", decisions(), corrected(),
                    decisions() == 0 ? 0 : (double) corrected() / decisions());
        }
    }

    /** Reads an exported file. @return null when no line carries a triage decision (not an export) */
    public static Report read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Line> byCategory = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")", e);
            }
            JsonNode triage = node.path("triage");
            if (!triage.isObject()) {
                continue;
            }
            String category = triage.path("category").asString("other");
            boolean corrected = node.path("corrected").asBoolean(false);
            JsonNode expected = node.path("expected");
            boolean level = corrected && expected.path("level").asInt() != triage.path("level").asInt();
            boolean changedCategory = corrected && !expected.path("category").asString(category).equals(category);
            boolean tier = corrected && !expected.path("cyberTier").asString("").equals(triage.path("cyberTier").asString(""));
            byCategory.merge(category, new Line(0, 0, 0, 0, 0).plus(corrected, level, changedCategory, tier),
                    (a, b) -> new Line(a.decisions() + b.decisions(), a.corrected() + b.corrected(), a.level() + b.level(),
                            a.category() + b.category(), a.tier() + b.tier()));
        }
        return byCategory.isEmpty() ? null : new Report(byCategory);
    }
}
