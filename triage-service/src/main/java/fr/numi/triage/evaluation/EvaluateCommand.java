package fr.numi.triage.evaluation;

import fr.numi.triage.config.RulesFile;
import fr.numi.triage.qualification.domain.InvalidRulesException;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.Triage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * {@code java -jar triage-service.jar evaluate FILE.jsonl [--rules=PATH] [--explain]}: measures the shipped
 * rules (or another rules file) on a labelled corpus, with no Spring context, so it never touches
 * Kafka or MongoDB.
 */
public final class EvaluateCommand {

    public static final String NAME = "evaluate";

    private EvaluateCommand() {}

    /** @return the process exit code: 0 when measured, 2 for bad arguments, an unreadable corpus or rules */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path corpus = null;
        Resource rules = new ClassPathResource("triage/rules-v1.json");
        boolean explain = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--explain")) {
                explain = true;
            } else if (args[i].startsWith("--rules=")) {
                rules = new FileSystemResource(args[i].substring("--rules=".length()));
            } else if (corpus == null) {
                corpus = Path.of(args[i]);
            } else {
                err.println("unexpected argument: " + args[i]);
                return 2;
            }
        }
        if (corpus == null || !Files.isReadable(corpus)) {
            err.println("usage: java -jar triage-service.jar evaluate FILE.jsonl [--rules=rules.json] [--explain]"
                    + (corpus == null ? "" : "\ncannot read " + corpus));
            return 2;
        }
        try {
            RuleSet ruleSet = RulesFile.load(rules);
            Evaluation.run(new Triage(ruleSet, Clock.systemUTC()), Evaluation.read(corpus), out, explain);
            return 0;
        } catch (InvalidRulesException | IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
