package fr.numi.triage;

import fr.numi.triage.corpus.ExportCorrectionsCommand;
import fr.numi.triage.corpus.SplitCommand;
import fr.numi.triage.evaluation.EvaluateCommand;
import fr.numi.triage.training.TrainCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of triage-service: qualifies every received request (level, urgency, category, cyber). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageServiceApplication {

    public static void main(String[] args) {
        // Offline commands: plain main paths, no Spring context (so no Kafka; only the export reads MongoDB).
        String command = args.length > 0 ? args[0] : "";
        switch (command) {
            case EvaluateCommand.NAME -> System.exit(EvaluateCommand.run(args, System.out, System.err));
            case TrainCommand.NAME -> System.exit(TrainCommand.run(args, System.out, System.err));
            case SplitCommand.NAME -> System.exit(SplitCommand.run(args, System.out, System.err));
            case ExportCorrectionsCommand.NAME -> System.exit(ExportCorrectionsCommand.run(args, System.getenv(), System.out, System.err));
            default -> SpringApplication.run(TriageServiceApplication.class, args);
        }
    }
}
