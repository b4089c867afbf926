package fr.numi.triage.training;

import fr.numi.triage.config.ModelFile;
import fr.numi.triage.config.RulesFile;
import fr.numi.triage.corpus.CorpusFile;
import fr.numi.triage.corpus.LabelledRequest;
import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.qualification.domain.Category;
import fr.numi.triage.qualification.domain.DecisionPolicy;
import fr.numi.triage.qualification.domain.InvalidRulesException;
import fr.numi.triage.qualification.domain.LinearModel;
import fr.numi.triage.qualification.domain.Reader;
import fr.numi.triage.qualification.domain.RuleEngine;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.TriageModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar triage-service.jar train CORPUS_DIR OUT.json [--rules=PATH] [--extra=FILE]… [--version=NAME]}:
 * trains the model from the corpus folder and writes the model file, with no Spring context (no Kafka, no
 * MongoDB).
 *
 * <p>It learns from {@value #TRAIN}, {@code train-extra.jsonl}, {@code train-more.jsonl}, {@code train-3.jsonl}, the two
 * retired blind test sets ({@code blind-test.jsonl}, {@code blind-test-2.jsonl}: each was scored once, then read) and
 * the two older corpora ({@code requests.jsonl}, {@code holdout.jsonl}, level labels only), never from
 * {@code dev.jsonl}, the held-out set it is measured on. {@code --extra} adds a file of
 * agents' corrections ({@code export-corrections}): only its corrected lines are learnt from.
 *
 * <p>Reproducible: the same files give the same model file, byte for byte (fixed seed, sorted features, one
 * thread); {@code TrainCommandTest} retrains and compares with the shipped file.
 */
public final class TrainCommand {

    public static final String NAME = "train";
    public static final String TRAIN = "train.jsonl";
    public static final List<String> FILES = List.of(TRAIN, "train-extra.jsonl", "train-more.jsonl", "train-3.jsonl",
            "blind-test.jsonl", "blind-test-2.jsonl", "requests.jsonl", "holdout.jsonl");
    public static final String VERSION = "triage-model-2026-12-3";

    /**
     * The decision thresholds shipped with the model, on the cyber score (the mean of the level and category heads'
     * cyber probabilities), checked on {@code dev.jsonl} and by two-fold cross-fitting on the retired
     * {@code blind-test-2.jsonl}, never on a blind test set still to be scored: see docs/services/triage.md.
     */
    public static final DecisionPolicy POLICY = new DecisionPolicy(0.2, 0.7, 0.5, 0.5, 0.5, 0.5, 0.3);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrainCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path corpus = null;
        Path target = null;
        Resource rulesFile = new ClassPathResource("triage/rules-v1.json");
        List<Path> extras = new ArrayList<>();
        String version = VERSION;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--rules=")) {
                rulesFile = new FileSystemResource(a.substring("--rules=".length()));
            } else if (a.startsWith("--extra=")) {
                extras.add(Path.of(a.substring("--extra=".length())));
            } else if (a.startsWith("--version=")) {
                version = a.substring("--version=".length());
            } else if (corpus == null) {
                corpus = Path.of(a);
            } else if (target == null) {
                target = Path.of(a);
            } else {
                err.println("unexpected argument: " + a);
                return 2;
            }
        }
        if (corpus == null || target == null || !Files.isDirectory(corpus)) {
            err.println("usage: java -jar triage-service.jar train CORPUS_DIR OUT.json [--rules=rules.json] [--extra=corrections.jsonl]"
                    + " [--version=NAME]" + (corpus != null && !Files.isDirectory(corpus) ? "\nnot a folder: " + corpus : ""));
            return 2;
        }
        try {
            RuleSet rules = RulesFile.load(rulesFile);
            List<Path> files = new ArrayList<>();
            for (String f : FILES) {
                files.add(corpus.resolve(f));
            }
            files.addAll(extras);
            Training training = train(rules, files, version);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, training.file(), StandardCharsets.UTF_8);
            out.printf("model %s: %d requests, %d features, sha256 of the data %s%nwritten to %s%n", version, training.cases(),
                    training.model().linear().rows().size(), training.sha256(), target);
            return 0;
        } catch (InvalidRulesException | IllegalArgumentException | IOException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** A trained model and its file text. */
    public record Training(TriageModel model, String file, int cases, String sha256) {}

    /** Trains on the given corpus files (missing optional files are an error: the corpus must be whole). */
    public static Training train(RuleSet rules, List<Path> files, String version) throws IOException {
        List<LabelledRequest> requests = new ArrayList<>();
        MessageDigest sha = sha256();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            List<CorpusFile.Line> lines = CorpusFile.lines(file);
            names.add(file.getFileName().toString());
            for (CorpusFile.Line line : lines) {
                if (corrected(line.json())) {
                    requests.add(line.request());
                    sha.update(line.json().getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) '\n');
                }
            }
        }
        List<String> categories = rules.categories().stream().map(Category::id).sorted().toList();
        Reader reader = new Reader(new RuleEngine(rules), new FrenchTextAnalyzer(rules.spellings()));
        Trainer.Settings settings = Trainer.Settings.DEFAULT;
        LinearModel linear = new Trainer(reader, settings).train(version, categories, requests);
        String digest = HexFormat.of().formatHex(sha.digest());
        String text = ModelFile.write(new TriageModel(linear, POLICY, rules.version()),
                new ModelFile.TrainedOn(requests.size(), digest, names, settings.asMap()));
        // Read back: the model used from now on is exactly the file's (weights rounded as written).
        TriageModel model = ModelFile.parse("trained model", text.getBytes(StandardCharsets.UTF_8), rules);
        return new Training(model, text, requests.size(), digest);
    }

    /** A corpus line counts, unless it is an export line that no agent corrected. */
    private static boolean corrected(String json) {
        if (!json.contains("\"corrected\"")) {
            return true;
        }
        JsonNode node = JSON.readTree(json);
        return !node.has("corrected") || node.path("corrected").asBoolean(false);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
