package fr.numi.triage.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes corpus files (JSON Lines, one labelled request a line, see {@link LabelledRequest}).
 * Strict where a mistake would skew a measure: a line that is not JSON, lacks {@code text},
 * {@code expected.level} or {@code expected.cyber}, has a tier, level or urgency out of range, or repeats an id
 * is refused with its line number.
 */
public final class CorpusFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TIERS = Set.of(LabelledRequest.NONE, LabelledRequest.SUSPECTED, LabelledRequest.EMERGENCY);
    private static final Set<String> URGENCIES = Set.of("LOW", "NORMAL", "HIGH", "CRITICAL");

    private CorpusFile() {}

    /** One line read: the labelled request and the line as written (kept byte for byte when copied). */
    public record Line(LabelledRequest request, String json) {}

    /** @throws IllegalArgumentException naming the file and line of the first problem */
    public static List<LabelledRequest> read(Path file) throws IOException {
        return lines(file).stream().map(Line::request).toList();
    }

    /** The lines of a corpus file, blank lines skipped. @throws IllegalArgumentException on the first bad line */
    public static List<Line> lines(Path file) throws IOException {
        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String json = raw.get(i).strip();
            if (json.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            LabelledRequest request = parse(json, where, "line-" + (i + 1));
            if (!ids.add(request.id())) {
                throw new IllegalArgumentException(where + ": id " + request.id() + " is used twice");
            }
            lines.add(new Line(request, json));
        }
        return lines;
    }

    /** One corpus line as JSON text (the same shape {@link #read} accepts). */
    public static String json(LabelledRequest r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", r.id());
        node.put("channel", r.channel());
        node.put("text", r.text());
        ObjectNode expected = node.putObject("expected");
        expected.put("level", r.level());
        expected.put("cyber", r.cyber());
        expected.put("cyberTier", r.cyberTier());
        if (r.category() != null) {
            expected.put("category", r.category());
        }
        if (r.urgency() != null) {
            expected.put("urgency", r.urgency());
        }
        return JSON.writeValueAsString(node);
    }

    /** Writes lines as given, one a line, UTF-8, ending with a newline. */
    public static void write(Path file, List<String> jsonLines) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, jsonLines.isEmpty() ? "" : String.join("\n", jsonLines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static LabelledRequest parse(String json, String where, String defaultId) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode expected = node.path("expected");
        if (!node.path("text").isString() || !expected.path("level").isIntegralNumber() || !expected.path("cyber").isBoolean()) {
            throw new IllegalArgumentException(where + ": needs text, expected.level and expected.cyber");
        }
        int level = expected.path("level").asInt();
        if (level < 1 || level > 3) {
            throw new IllegalArgumentException(where + ": expected.level must be 1, 2 or 3, was " + level);
        }
        boolean cyber = expected.path("cyber").asBoolean();
        String tier = text(expected, "cyberTier");
        if (tier != null && !TIERS.contains(tier)) {
            throw new IllegalArgumentException(where + ": expected.cyberTier must be one of " + TIERS + ", was " + tier);
        }
        if (tier != null && cyber != !LabelledRequest.NONE.equals(tier)) {
            throw new IllegalArgumentException(where + ": expected.cyber " + cyber + " contradicts expected.cyberTier " + tier);
        }
        String urgency = text(expected, "urgency");
        if (urgency != null && !URGENCIES.contains(urgency)) {
            throw new IllegalArgumentException(where + ": expected.urgency must be one of " + URGENCIES + ", was " + urgency);
        }
        return new LabelledRequest(node.path("id").asString(defaultId), node.path("channel").asString(""),
                node.path("text").asString(), level, cyber, tier, text(expected, "category"), urgency);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
