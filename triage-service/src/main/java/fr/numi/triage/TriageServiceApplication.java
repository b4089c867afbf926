package fr.numi.triage;

import fr.numi.triage.corpus.SplitCommand;
import fr.numi.triage.evaluation.EvaluateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of triage-service: qualifies every received request (level, urgency, category, cyber). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            // Measured offline, engine only: no Spring context, so no Kafka and no MongoDB connection.
            System.exit(EvaluateCommand.run(args, System.out, System.err));
        }
        if (args.length > 0 && SplitCommand.NAME.equals(args[0])) {
            System.exit(SplitCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(TriageServiceApplication.class, args);
    }
}
