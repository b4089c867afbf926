package fr.numi.triage.evaluation;

import fr.numi.triage.config.InvalidModelException;
import fr.numi.triage.config.ModelFile;
import fr.numi.triage.config.RulesFile;
import fr.numi.triage.qualification.analysis.FrenchTextAnalyzer;
import fr.numi.triage.qualification.domain.InvalidRulesException;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.qualification.domain.TriageModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * {@code java -jar triage-service.jar evaluate FILE.jsonl [--rules=PATH] [--model=PATH] [--corrections=EXPORT.jsonl]
 * [--explain]}: measures the shipped rules and model (or others) on a labelled corpus, with no Spring context, so it
 * never touches Kafka or MongoDB. A file written by {@code export-corrections} is a corpus too (the agents' labels),
 * and its correction rates per category are reported; {@code --corrections} reports them from another file.
 */
public final class EvaluateCommand {

    public static final String NAME = "evaluate";
    public static final String RULES = "triage/rules-v1.json";
    public static final String MODEL = "triage/model-v1.json";

    private EvaluateCommand() {}

    /** @return the process exit code: 0 when measured, 2 for bad arguments, an unreadable corpus, rules or model */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path corpus = null;
        Path corrections = null;
        Resource rules = new ClassPathResource(RULES);
        Resource model = new ClassPathResource(MODEL);
        boolean explain = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--explain")) {
                explain = true;
            } else if (args[i].startsWith("--rules=")) {
                rules = new FileSystemResource(args[i].substring("--rules=".length()));
            } else if (args[i].startsWith("--model=")) {
                model = new FileSystemResource(args[i].substring("--model=".length()));
            } else if (args[i].startsWith("--corrections=")) {
                corrections = Path.of(args[i].substring("--corrections=".length()));
            } else if (corpus == null) {
                corpus = Path.of(args[i]);
            } else {
                err.println("unexpected argument: " + args[i]);
                return 2;
            }
        }
        if (corpus == null || !Files.isReadable(corpus) || (corrections != null && !Files.isReadable(corrections))) {
            err.println("usage: java -jar triage-service.jar evaluate FILE.jsonl [--rules=rules.json] [--model=model.json]"
                    + " [--corrections=export.jsonl] [--explain]"
                    + (corpus == null ? "" : !Files.isReadable(corpus) ? "\ncannot read " + corpus : "\ncannot read " + corrections));
            return 2;
        }
        try {
            RuleSet ruleSet = RulesFile.load(rules);
            TriageModel trained = ModelFile.load(model, ruleSet);
            Triage triage = new Triage(ruleSet, trained, new FrenchTextAnalyzer(ruleSet.spellings()), Clock.systemUTC());
            List<fr.numi.triage.corpus.LabelledRequest> cases = Evaluation.read(corpus);
            Corrections.Report report = Corrections.read(corrections != null ? corrections : corpus);
            Evaluation.run(triage, cases, out, explain, report);
            return 0;
        } catch (InvalidRulesException | InvalidModelException | IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
