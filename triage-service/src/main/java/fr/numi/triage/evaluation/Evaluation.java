package fr.numi.triage.evaluation;

import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the engine on a labelled corpus (JSON Lines: {@code {"id", "channel", "text", "expected":
 * {"level", "cyber"}}}) and measures it: level confusion matrix, cyber confusion, the cases it got
 * wrong, and as the last line one JSON object
 * {@code {"cases":N,"levelAccuracy":x,"cyberRecall":x,"falseCyberRate":x}}. Pure: no Spring, no
 * Kafka, no MongoDB.
 */
public final class Evaluation {

    /** One labelled request. */
    public record Case(String id, String channel, String text, int level, boolean cyber) {}

    /** The measures, as the last line prints them. */
    public record Result(int cases, double levelAccuracy, double cyberRecall, double falseCyberRate) {

        public String json() {
            return String.format(Locale.ROOT, "{\"cases\":%d,\"levelAccuracy\":%.4f,\"cyberRecall\":%.4f,\"falseCyberRate\":%.4f}",
                    cases, levelAccuracy, cyberRecall, falseCyberRate);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Evaluation() {}

    /** Reads a corpus file. @throws IllegalArgumentException naming the first bad line */
    public static List<Case> read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode expected = node.path("expected");
                if (!node.path("text").isString() || !expected.path("level").isIntegralNumber() || !expected.path("cyber").isBoolean()) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": needs text, expected.level and expected.cyber");
                }
                cases.add(new Case(node.path("id").asString("line-" + (i + 1)), node.path("channel").asString(""),
                        node.path("text").asString(), expected.path("level").asInt(), expected.path("cyber").asBoolean()));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")", e);
            }
        }
        return cases;
    }

    /** Decides every case, prints the report to {@code out}, the JSON measures last. */
    public static Result run(Triage triage, List<Case> cases, PrintStream out) {
        return run(triage, cases, out, false);
    }

    /** Same, and with {@code explain} the reasons of every miss. */
    public static Result run(Triage triage, List<Case> cases, PrintStream out, boolean explain) {
        int[][] levels = new int[4][4];
        int[][] cyber = new int[2][2];
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            Decision d = triage.decide(new Situation(null, c.text(), false));
            int expected = Math.max(1, Math.min(3, c.level()));
            levels[expected][d.level()]++;
            cyber[c.cyber() ? 1 : 0][d.cyber() ? 1 : 0]++;
            if (d.level() != c.level() || d.cyber() != c.cyber()) {
                misses.add(String.format(Locale.ROOT, "  %-8s expected L%d%s got L%d%s %-22s conf=%.2f  %s", c.id(), c.level(),
                        c.cyber() ? "+cyber" : "", d.level(), d.cyber() ? "+cyber" : "", d.category(), d.confidence(),
                        shorten(c.text())));
                if (explain) {
                    d.reasons().forEach(r -> misses.add("           " + r.signal() + " (" + r.weight() + ") " + r.detail()));
                }
            }
        }
        int correct = levels[1][1] + levels[2][2] + levels[3][3];
        int expectedCyber = cyber[1][0] + cyber[1][1];
        int expectedSafe = cyber[0][0] + cyber[0][1];
        Result result = new Result(
                cases.size(),
                cases.isEmpty() ? 0 : (double) correct / cases.size(),
                expectedCyber == 0 ? 1.0 : (double) cyber[1][1] / expectedCyber,
                expectedSafe == 0 ? 0.0 : (double) cyber[0][1] / expectedSafe);

        out.println("triage evaluation: " + cases.size() + " cases, rules " + triage.rulesVersion());
        out.println();
        out.println("level (rows: expected, columns: decided)");
        out.println("            L1     L2     L3");
        for (int e = 1; e <= 3; e++) {
            out.printf(Locale.ROOT, "  L%d     %6d %6d %6d%n", e, levels[e][1], levels[e][2], levels[e][3]);
        }
        out.println();
        out.println("cyber (rows: expected, columns: decided)");
        out.println("            no    yes");
        out.printf(Locale.ROOT, "  no     %6d %6d%n", cyber[0][0], cyber[0][1]);
        out.printf(Locale.ROOT, "  yes    %6d %6d%n", cyber[1][0], cyber[1][1]);
        out.println();
        out.println("misses: " + misses.size());
        misses.forEach(out::println);
        out.println();
        out.println(result.json());
        return result;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
    }
}
