package fr.numi.triage.evaluation;

import fr.numi.triage.corpus.CorpusFile;
import fr.numi.triage.corpus.LabelledRequest;
import fr.numi.triage.qualification.domain.CyberTier;
import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.qualification.domain.Urgency;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs triage on a labelled corpus ({@link CorpusFile}) and measures it: level, cyber (recall, false alarms,
 * suspected versus emergency), category and urgency, each with its confusion matrix, the cases it got wrong
 * (one line per case, whatever went wrong), and as the last line one JSON object:
 * {@code {"cases","levelAccuracy","cyberRecall","falseCyberRate","falseEmergencyRate","tierAccuracy",
 * "categoryAccuracy","urgencyAccuracy","needsReviewRate","misses"}}. Pure: no Spring, no Kafka, no MongoDB.
 *
 * <ul>
 *   <li>{@code cyberRecall}: cases labelled cyber (suspected or emergency) that triage flagged, either tier;
 *   <li>{@code falseCyberRate}: cases labelled not cyber that triage flagged, either tier;
 *   <li>{@code falseEmergencyRate}: cases labelled not cyber that triage made an emergency (alarming message sent);
 *   <li>{@code tierAccuracy}: on cases labelled cyber, the tier decided is the tier labelled;
 *   <li>category and urgency accuracies count only the cases that carry those labels ({@code null} when none does).
 * </ul>
 */
public final class Evaluation {

    /** The measures, as the last line prints them. */
    public record Result(
            int cases,
            double levelAccuracy,
            double cyberRecall,
            double falseCyberRate,
            double falseEmergencyRate,
            Double tierAccuracy,
            Double categoryAccuracy,
            Double urgencyAccuracy,
            double needsReviewRate,
            int misses,
            Corrections.Report corrections) {

        public String json() {
            String base = String.format(Locale.ROOT,
                    "{\"cases\":%d,\"levelAccuracy\":%.4f,\"cyberRecall\":%.4f,\"falseCyberRate\":%.4f,\"falseEmergencyRate\":%.4f,"
                            + "\"tierAccuracy\":%s,\"categoryAccuracy\":%s,\"urgencyAccuracy\":%s,\"needsReviewRate\":%.4f,\"misses\":%d",
                    cases, levelAccuracy, cyberRecall, falseCyberRate, falseEmergencyRate, number(tierAccuracy), number(categoryAccuracy),
                    number(urgencyAccuracy), needsReviewRate, misses);
            return base + (corrections == null ? "" : ",\"corrections\":" + corrections.json()) + "}";
        }

        private static String number(Double value) {
            return value == null ? "null" : String.format(Locale.ROOT, "%.4f", value);
        }
    }

    private Evaluation() {}

    /** Reads a corpus file. @throws IllegalArgumentException naming the first bad line */
    public static List<LabelledRequest> read(Path file) throws IOException {
        return CorpusFile.read(file);
    }

    public static Result run(Triage triage, List<LabelledRequest> cases, PrintStream out) {
        return run(triage, cases, out, false, null);
    }

    /** Decides every case, prints the report to {@code out} (with {@code explain}, the reasons of every miss), the JSON last. */
    public static Result run(Triage triage, List<LabelledRequest> cases, PrintStream out, boolean explain, Corrections.Report corrections) {
        int[][] levels = new int[4][4];
        int[][] tiers = new int[3][3];
        int[][] urgencies = new int[4][4];
        Map<String, Map<String, Integer>> categories = new TreeMap<>();
        int categoryCases = 0;
        int categoryRight = 0;
        int urgencyCases = 0;
        int urgencyRight = 0;
        int review = 0;
        List<String> misses = new ArrayList<>();
        for (LabelledRequest c : cases) {
            Decision d = triage.decide(new Situation(null, c.text(), false));
            int expectedTier = CyberTier.valueOf(c.cyberTier()).ordinal();
            levels[c.level()][d.level()]++;
            tiers[expectedTier][d.cyberTier().ordinal()]++;
            if (d.needsReview()) {
                review++;
            }
            List<String> wrong = new ArrayList<>();
            if (d.level() != c.level()) {
                wrong.add("level");
            }
            if ((expectedTier > 0) != (d.cyberTier() != CyberTier.NONE)) {
                wrong.add("cyber");
            }
            if (c.category() != null) {
                categoryCases++;
                categories.computeIfAbsent(c.category(), k -> new TreeMap<>()).merge(d.category(), 1, Integer::sum);
                if (c.category().equals(d.category())) {
                    categoryRight++;
                }
            }
            if (c.urgency() != null) {
                urgencyCases++;
                urgencies[Urgency.valueOf(c.urgency()).ordinal()][d.urgency().ordinal()]++;
                if (c.urgency().equals(d.urgency().name())) {
                    urgencyRight++;
                }
            }
            if (!wrong.isEmpty()) {
                misses.add(String.format(Locale.ROOT, "  %-8s %-11s expected L%d %-9s got L%d %-9s %-22s conf=%.2f%s  %s", c.id(),
                        String.join("+", wrong), c.level(), c.cyberTier(), d.level(), d.cyberTier(), d.category(), d.confidence(),
                        d.needsReview() ? " review" : "", shorten(c.text())));
                if (explain) {
                    d.reasons().forEach(r -> misses.add("           " + r.signal() + " (" + r.weight() + ") " + r.detail()));
                }
            }
        }
        int correct = levels[1][1] + levels[2][2] + levels[3][3];
        int expectedCyber = sumRow(tiers[1]) + sumRow(tiers[2]);
        int expectedSafe = sumRow(tiers[0]);
        int recalled = tiers[1][1] + tiers[1][2] + tiers[2][1] + tiers[2][2];
        Result result = new Result(
                cases.size(),
                cases.isEmpty() ? 0 : (double) correct / cases.size(),
                expectedCyber == 0 ? 1.0 : (double) recalled / expectedCyber,
                expectedSafe == 0 ? 0.0 : (double) (tiers[0][1] + tiers[0][2]) / expectedSafe,
                expectedSafe == 0 ? 0.0 : (double) tiers[0][2] / expectedSafe,
                expectedCyber == 0 ? null : (double) (tiers[1][1] + tiers[2][2]) / expectedCyber,
                categoryCases == 0 ? null : (double) categoryRight / categoryCases,
                urgencyCases == 0 ? null : (double) urgencyRight / urgencyCases,
                cases.isEmpty() ? 0 : (double) review / cases.size(),
                misses.stream().filter(m -> !m.startsWith("           ")).toList().size(),
                corrections);

        out.println("triage evaluation: " + cases.size() + " cases, rules " + triage.rulesVersion() + ", model " + triage.modelVersion());
        out.println();
        out.println("level (rows: expected, columns: decided)");
        out.println("            L1     L2     L3");
        for (int e = 1; e <= 3; e++) {
            out.printf(Locale.ROOT, "  L%d     %6d %6d %6d%n", e, levels[e][1], levels[e][2], levels[e][3]);
        }
        out.println();
        out.println("cyber tier (rows: expected, columns: decided)");
        out.println("                 none suspected emergency");
        String[] tierNames = {"none", "suspected", "emergency"};
        for (int e = 0; e < 3; e++) {
            out.printf(Locale.ROOT, "  %-10s %8d %9d %9d%n", tierNames[e], tiers[e][0], tiers[e][1], tiers[e][2]);
        }
        out.printf(Locale.ROOT, "  cyber recall (either tier) %.4f, false cyber rate (either tier) %.4f, false emergency rate %.4f%n",
                result.cyberRecall(), result.falseCyberRate(), result.falseEmergencyRate());
        out.println();
        if (categoryCases > 0) {
            printCategories(categories, out);
            out.printf(Locale.ROOT, "  category accuracy %.4f on %d labelled cases%n%n", result.categoryAccuracy(), categoryCases);
        }
        if (urgencyCases > 0) {
            out.println("urgency (rows: expected, columns: decided)");
            out.println("                LOW NORMAL   HIGH CRITICAL");
            for (Urgency e : Urgency.values()) {
                out.printf(Locale.ROOT, "  %-9s %6d %6d %6d %6d%n", e, urgencies[e.ordinal()][0], urgencies[e.ordinal()][1],
                        urgencies[e.ordinal()][2], urgencies[e.ordinal()][3]);
            }
            out.printf(Locale.ROOT, "  urgency accuracy %.4f on %d labelled cases%n%n", result.urgencyAccuracy(), urgencyCases);
        }
        out.printf(Locale.ROOT, "needs review: %d of %d (%.4f)%n%n", review, cases.size(), result.needsReviewRate());
        if (corrections != null) {
            corrections.print(out);
            out.println();
        }
        out.println("misses: " + result.misses() + " cases");
        misses.forEach(out::println);
        out.println();
        out.println(result.json());
        return result;
    }

    private static void printCategories(Map<String, Map<String, Integer>> matrix, PrintStream out) {
        TreeSet<String> all = new TreeSet<>(matrix.keySet());
        matrix.values().forEach(row -> all.addAll(row.keySet()));
        List<String> ids = new ArrayList<>(all);
        out.println("category (rows: expected, columns: decided, by number)");
        StringBuilder header = new StringBuilder("                          ");
        for (int i = 0; i < ids.size(); i++) {
            header.append(String.format(Locale.ROOT, "%4d", i + 1));
        }
        out.println(header);
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Integer> row = matrix.get(ids.get(i));
            if (row == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %2d %-22s", i + 1, ids.get(i)));
            for (String decided : ids) {
                int n = row.getOrDefault(decided, 0);
                line.append(n == 0 ? "   ." : String.format(Locale.ROOT, "%4d", n));
            }
            out.println(line);
        }
    }

    private static int sumRow(int[] row) {
        int sum = 0;
        for (int v : row) {
            sum += v;
        }
        return sum;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
    }
}
