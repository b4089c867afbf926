package fr.numi.triage.corpus;

import com.mongodb.ConnectionString;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar triage-service.jar export-corrections OUT.jsonl [--database=numi-triage]}: writes triage's
 * archived decisions, labelled by agents' corrections, as a corpus file (see {@link CorrectionsExport}), reading
 * MongoDB at {@code NUMI_MONGO_URI} (default {@code mongodb://127.0.0.1:27017}), with no Spring context. The file
 * holds people's words: keep it where personal data may be, never in the repository.
 */
public final class ExportCorrectionsCommand {

    public static final String NAME = "export-corrections";
    static final String DATABASE = "numi-triage";

    private ExportCorrectionsCommand() {}

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path target = null;
        String database = DATABASE;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--database=")) {
                database = args[i].substring("--database=".length());
            } else if (target == null) {
                target = Path.of(args[i]);
            } else {
                err.println("unexpected argument: " + args[i]);
                return 2;
            }
        }
        if (target == null) {
            err.println("usage: java -jar triage-service.jar export-corrections OUT.jsonl [--database=numi-triage]"
                    + " (reads NUMI_MONGO_URI)");
            return 2;
        }
        String uri = env.getOrDefault("NUMI_MONGO_URI", "mongodb://127.0.0.1:27017");
        try (MongoClient client = MongoClients.create(new ConnectionString(uri))) {
            List<String> lines = CorrectionsExport.lines(client.getDatabase(database), Duration.ofMinutes(2));
            CorpusFile.write(target, lines);
            long corrected = lines.stream().filter(l -> l.contains("\"corrected\":true")).count();
            out.printf("%d decisions exported (%d corrected by agents) to %s%n", lines.size(), corrected, target);
            return 0;
        } catch (RuntimeException e) {
            // Never the content: only what failed.
            err.println("export failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
    }
}
