package fr.numi.triage;

import fr.numi.contracts.cloudevents.CloudEventsConfiguration;
import fr.numi.contracts.retention.RetentionConfiguration;
import fr.numi.triage.corpus.ExportCorrectionsCommand;
import fr.numi.triage.corpus.SplitCommand;
import fr.numi.triage.evaluation.EvaluateCommand;
import fr.numi.triage.training.TrainCommand;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Entry point of triage-service: qualifies every received request (level, urgency, category, cyber). */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({CloudEventsConfiguration.class, RetentionConfiguration.class})
@OpenAPIDefinition(
        info = @Info(title = "numi triage-service", version = "v1",
                description = "What triage would decide on a situation (level, urgency, category, cyber tier, reasons), without"
                        + " publishing anything. Errors are problem+json (contracts/http/problem.schema.json)."),
        servers = @Server(url = "http://127.0.0.1:8081", description = "local run (./deploy/local/numi-local.sh)"))
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
